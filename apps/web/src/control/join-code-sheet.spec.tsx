/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import { renderPage } from '../testing/render';
import type { Names } from './control-room';
import { JoinCodeSheet } from './join-code-sheet';

const names: Names = {
  units: [
    { id: 'tech', name: { ja: '技術', en: 'Engineering' } },
    { id: 'csirt', name: { ja: 'CSIRT', en: 'CSIRT' } },
  ],
  unit: (id) => ({ tech: '技術', csirt: 'CSIRT' })[id] ?? id,
  team: (id) => ({ 'team-1': 'Red <Falcons>', 'team-2': 'Blue Owls' })[id] ?? id,
};

describe('JoinCodeSheet', () => {
  it('renders one card per member with the code, login, team, units and the /team URL', () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    renderPage(
      <JoinCodeSheet
        members={[
          {
            memberId: 'm2',
            teamId: 'team-2',
            name: 'Mei',
            units: ['csirt'],
            login: 'hc-1.team-2.1',
            joinCode: 'WXYZ-2345-6789',
          },
          {
            memberId: 'm1',
            teamId: 'team-1',
            name: 'Aiko',
            units: ['tech', 'csirt'],
            login: 'aiko',
            joinCode: 'ABCD-EFGH-JKLM',
          },
        ]}
        names={names}
        gameTitle="ミニゲーム"
        origin="https://mamoru.example"
        onClear={jest.fn()}
      />,
    );
    const cards = screen.getAllByTestId('join-code-card');
    expect(cards.map((c) => c.getAttribute('data-login'))).toEqual(['aiko', 'hc-1.team-2.1']);
    expect(cards[0].getAttribute('data-join-code')).toBe('ABCD-EFGH-JKLM');
    const first = within(cards[0]);
    expect(first.getByText('ABCD-EFGH-JKLM')).toBeTruthy();
    expect(first.getByText('Red <Falcons>')).toBeTruthy(); // as text, not markup
    expect(first.getByText('技術 / CSIRT')).toBeTruthy();
    expect(first.getByText('https://mamoru.example/team')).toBeTruthy();
    expect(cards[0].textContent).toContain('初回参加（参加コード）');
    expect(cards[0].textContent).toContain('First time (join code)');

    fireEvent.click(screen.getByTestId('join-code-print'));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });
});
