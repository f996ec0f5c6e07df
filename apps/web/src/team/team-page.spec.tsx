/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { renderPage } from '../testing/render';
import { RefusalNotice, TeamPage } from './team-page';
import { teamTestView } from './test-team-view';

jest.mock('uplot', () => ({ __esModule: true, default: class {} }));

describe('TeamPage', () => {
  it('asks a signed-out visitor to sign in, with the join code option', () => {
    renderPage(<TeamPage />);
    expect(screen.getByTestId('sign-in')).toBeTruthy();
    expect(screen.getByTestId('sign-in-mode-join')).toBeTruthy();
    expect(screen.queryByTestId('team-dashboard')).toBeNull();
  });
});

describe('RefusalNotice', () => {
  it('says until when a transferred member is away', () => {
    renderPage(
      <RefusalNotice
        refusal={{ code: 'MEMBER_DISABLED', message: 'away' }}
        view={teamTestView()}
        memberId="m-pr"
        onSignOut={() => undefined}
      />,
    );
    const notice = screen.getByTestId('team-refused');
    expect(notice.getAttribute('data-code')).toBe('MEMBER_DISABLED');
    expect(notice.textContent).toContain('人事異動で 10:30 までチームを離れています');
  });

  it('offers to sign in again after the session could not be refreshed', () => {
    const signOut = jest.fn();
    renderPage(
      <RefusalNotice refusal={{ code: 'UNAUTHENTICATED', message: 'bad token' }} view={null} onSignOut={signOut} />,
      'en',
    );
    expect(screen.getByTestId('team-refused').textContent).toContain('Please sign in again');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(signOut).toHaveBeenCalled();
  });
});
