/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SessionStore } from '../auth/session';
import { fakeFetch, renderPage } from '../testing/render';
import { CreateGameForm } from './create-game-form';

function signedInStore(): SessionStore {
  const session = {
    accessToken: 'T',
    refreshToken: 'R',
    expiresAtMs: Date.now() + 3_600_000,
    principal: { accountId: 'a', role: 'organiser', login: 'admin' },
  };
  const data = new Map([['mamoru.session.control', JSON.stringify(session)]]);
  return new SessionStore('control', {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  });
}

const summary = { gameId: 'hc-x', title: { ja: 'x', en: 'x' }, status: 'created', teams: [] };

describe('CreateGameForm', () => {
  it('picks a bundled scenario and posts it with the id, seed and teams', async () => {
    const server = fakeFetch({
      'GET /api/scenarios': () => ({
        status: 200,
        body: {
          scenarios: [
            { name: 'classic', id: 'classic', title: { ja: 'クラシック', en: 'Classic' }, durationMinutes: 480 },
            { name: 'mini', id: 'mini', title: { ja: 'ミニ', en: 'Mini' }, durationMinutes: 40 },
          ],
        },
      }),
      'POST /api/games': () => ({ status: 201, body: summary }),
    });
    global.fetch = server.fetch;
    const created = jest.fn();
    renderPage(<CreateGameForm api={signedInStore()} onCreated={created} />);

    const pick = screen.getByTestId('create-scenario-pick');
    await waitFor(() => expect(within(pick).getAllByRole('option')).toHaveLength(2));
    expect(pick.textContent).toContain('ミニ (mini)');
    fireEvent.change(pick, { target: { value: 'mini' } });
    fireEvent.change(screen.getByTestId('create-game-id'), { target: { value: 'hc-day-1' } });
    fireEvent.change(screen.getByTestId('create-seed'), { target: { value: '7' } });
    fireEvent.change(screen.getByTestId('create-teams'), { target: { value: 'Red\n\n  Blue  \n' } });
    fireEvent.click(screen.getByTestId('create-submit'));

    await waitFor(() => expect(created).toHaveBeenCalledWith('hc-x'));
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      scenarioName: 'mini',
      gameId: 'hc-day-1',
      seed: 7,
      teams: [{ name: 'Red' }, { name: 'Blue' }],
    });
    expect(post?.headers.authorization).toBe('Bearer T');
  });

  it('falls back to classic without a scenario list, and refuses a bad game id before posting', async () => {
    const server = fakeFetch({});
    global.fetch = server.fetch;
    renderPage(<CreateGameForm api={signedInStore()} onCreated={jest.fn()} />);
    expect((screen.getByTestId('create-scenario-pick') as HTMLSelectElement).value).toBe('classic');
    fireEvent.change(screen.getByTestId('create-game-id'), { target: { value: 'Bad Id' } });
    fireEvent.click(screen.getByTestId('create-submit'));
    expect(screen.getByTestId('create-error').textContent).toContain('ゲーム ID');
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('sends pasted YAML and shows each problem with the lines where it is', async () => {
    const yaml = [
      'id: broken',
      'title: { ja: a, en: b }',
      "duration: '00:40'",
      'timeline:',
      '  - at: 99:99',
      '    kind: nope',
    ].join('\n');
    const server = fakeFetch({
      'POST /api/games': () => ({
        status: 400,
        body: {
          message: 'The scenario has 2 problems.',
          code: 'SCENARIO_INVALID',
          errors: [
            { path: 'timeline.0.at', message: 'upload.yaml:5:9: timeline.0.at: not a time' },
            { path: 'timeline.0.kind', message: 'upload.yaml:6:11: timeline.0.kind: unknown kind "nope"' },
          ],
        },
      }),
    });
    global.fetch = server.fetch;
    renderPage(<CreateGameForm api={signedInStore()} onCreated={jest.fn()} />, 'en');
    fireEvent.change(screen.getByTestId('create-scenario-yaml'), { target: { value: yaml } });
    expect(screen.getByTestId('create-source').textContent).toContain('pasted YAML');
    fireEvent.click(screen.getByTestId('create-submit'));

    const error = await screen.findByTestId('create-error');
    const items = within(error).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('upload.yaml:5:9: timeline.0.at: not a time'),
      expect.stringContaining('unknown kind "nope"'),
    ]);
    expect(server.calls.at(-1)?.body).toEqual({ scenarioYaml: yaml });
    const lines = screen.getByTestId('create-error-lines');
    const bad = lines.querySelectorAll('.control-excerpt__line--bad');
    expect([...bad].map((l) => l.getAttribute('data-line'))).toEqual(['5', '6']);
    expect(bad[0].textContent).toContain('  - at: 99:99');
    expect(bad[0].textContent).toContain('not a time');
    expect(lines.querySelector('[data-line="3"]')?.textContent).toContain("duration: '00:40'");
  });
});
