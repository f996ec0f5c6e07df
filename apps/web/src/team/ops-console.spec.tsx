/** @jest-environment jsdom */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeFetch, renderPage } from '../testing/render';
import { OpsConsole } from './ops-console';
import { testScope } from './test-team-view';

const SHOP = '/api/games/day-1/teams/team-1/shop';

function shopServer(overrides: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    [`GET ${SHOP}/settings`]: () => ({
      status: 200,
      body: { searchSafeQueries: false, priceApiRequireAuth: false, backupExposed: true },
    }),
    [`PUT ${SHOP}/settings`]: () => ({ status: 201, body: { applied: true, seq: 61 } }),
    [`POST ${SHOP}/admin-password`]: () => ({ status: 201, body: { applied: true, seq: 62 } }),
    [`GET ${SHOP}/logs`]: () => ({ status: 200, body: { lines: ['GET / 200', 'POST /admin/login 302'] } }),
    [`POST ${SHOP}/restore`]: () => ({ status: 201, body: { applied: true, seq: 63 } }),
    ...overrides,
  });
}

const setting = (id: string) =>
  screen.getAllByTestId('ops-setting').find((e) => e.getAttribute('data-setting') === id) as HTMLInputElement;

describe('OpsConsole', () => {
  it('loads the settings, saves the changed ones with PUT and an idempotency key', async () => {
    const server = shopServer();
    global.fetch = server.fetch;
    renderPage(<OpsConsole scope={testScope()} />);
    await waitFor(() => expect(screen.getAllByTestId('ops-setting')).toHaveLength(3));
    expect(setting('searchSafeQueries').checked).toBe(false);
    expect(setting('backupExposed').checked).toBe(true);
    const save = screen.getByTestId('ops-settings-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing changed yet
    fireEvent.click(setting('searchSafeQueries'));
    fireEvent.click(setting('backupExposed'));
    fireEvent.click(save);
    await screen.findByTestId('ops-result');
    const put = server.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe(`${SHOP}/settings`);
    expect(put.body).toEqual({ searchSafeQueries: true, priceApiRequireAuth: false, backupExposed: false });
    expect(put.headers['idempotency-key']).toBeTruthy();
    expect(screen.getByTestId('ops-logs').textContent).toContain('POST /admin/login 302');
  });

  it('changes the admin password', async () => {
    const server = shopServer();
    global.fetch = server.fetch;
    renderPage(<OpsConsole scope={testScope()} />, 'en');
    const submit = screen.getByTestId('ops-admin-password-submit') as HTMLButtonElement;
    fireEvent.change(screen.getByTestId('ops-admin-password'), { target: { value: 'short' } });
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('ops-admin-password'), { target: { value: 'a-much-better-one' } });
    fireEvent.click(submit);
    expect((await screen.findByTestId('ops-result')).textContent).toBe("The shop's admin password was changed");
    const call = server.calls.find((c) => c.path === `${SHOP}/admin-password`)!;
    expect(call.body).toEqual({ password: 'a-much-better-one' });
    expect((screen.getByTestId('ops-admin-password') as HTMLInputElement).value).toBe('');
  });

  it('shows SHOP_UNREACHABLE when the shop does not answer', async () => {
    const unreachable = () => ({ status: 502, body: { message: 'The shop did not answer', code: 'SHOP_UNREACHABLE' } });
    const server = shopServer({ [`GET ${SHOP}/settings`]: unreachable, [`POST ${SHOP}/restart`]: unreachable });
    global.fetch = server.fetch;
    renderPage(<OpsConsole scope={testScope()} />);
    const error = await screen.findByTestId('ops-settings-error');
    expect(error.getAttribute('data-code')).toBe('SHOP_UNREACHABLE');
    expect(error.textContent).toContain('The shop did not answer');
    fireEvent.click(screen.getByTestId('ops-restart'));
    expect((await screen.findByTestId('ops-error')).getAttribute('data-code')).toBe('SHOP_UNREACHABLE');
    expect(screen.queryByTestId('ops-result')).toBeNull();
  });

  it('asks before restoring, and resyncs even while the game is paused', async () => {
    const server = shopServer({ [`POST ${SHOP}/resync`]: () => ({ status: 201, body: { applied: true, seq: 70 } }) });
    global.fetch = server.fetch;
    const confirm = jest.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    const { unmount } = renderPage(<OpsConsole scope={testScope()} confirm={confirm} />);
    fireEvent.click(screen.getByTestId('ops-restore'));
    expect(server.calls.some((c) => c.path === `${SHOP}/restore`)).toBe(false);
    fireEvent.click(screen.getByTestId('ops-restore'));
    await screen.findByTestId('ops-result');
    expect(server.calls.filter((c) => c.path === `${SHOP}/restore`)).toHaveLength(1);
    unmount();

    renderPage(<OpsConsole scope={testScope({ block: 'team.blocked.paused' })} />);
    expect((screen.getByTestId('ops-restart') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('ops-resync') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('ops-resync'));
    expect((await screen.findByTestId('ops-result')).textContent).toContain('再同期');
  });

  it('asks again for the settings while the shop does not answer', async () => {
    jest.useFakeTimers();
    try {
      let up = false;
      const server = shopServer({
        [`GET ${SHOP}/settings`]: () =>
          up
            ? { status: 200, body: { searchSafeQueries: true, priceApiRequireAuth: false, backupExposed: false } }
            : { status: 502, body: { message: 'The shop did not answer', code: 'SHOP_UNREACHABLE' } },
      });
      global.fetch = server.fetch;
      renderPage(<OpsConsole scope={testScope()} />);
      await screen.findByTestId('ops-settings-error');
      up = true;
      await act(async () => {
        await jest.advanceTimersByTimeAsync(5000);
      });
      await waitFor(() => expect(screen.getAllByTestId('ops-setting')).toHaveLength(3));
      expect(screen.queryByTestId('ops-settings-error')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
