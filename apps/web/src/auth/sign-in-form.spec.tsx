/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fakeFetch, renderPage } from '../testing/render';
import { SessionStore } from './session';
import { SignInForm } from './sign-in-form';

const principal = { accountId: 'a1', role: 'member', login: 'day-1.team-1.1', gameId: 'day-1', teamId: 'team-1' };

describe('SignInForm', () => {
  afterEach(() => {
    window.localStorage.clear();
  });

  it('joins with a one-time code and keeps the session across a reload', async () => {
    const server = fakeFetch({
      'POST /api/auth/join': (body) =>
        (body as { joinCode: string }).joinCode === 'ABCD-EFGH-JKLM'
          ? { status: 200, body: { accessToken: 'A', refreshToken: 'R', expiresIn: 900, principal } }
          : { status: 401, body: { message: 'Wrong login, password or join code.', code: 'UNAUTHENTICATED' } },
    });
    global.fetch = server.fetch;
    const store = new SessionStore('team');
    renderPage(<SignInForm store={store} allowJoin />);

    fireEvent.click(screen.getByTestId('sign-in-mode-join'));
    fireEvent.change(screen.getByTestId('sign-in-join-code'), { target: { value: 'wrong-code' } });
    fireEvent.change(screen.getByTestId('sign-in-password'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(await screen.findByTestId('sign-in-error')).toHaveProperty(
      'textContent',
      expect.stringContaining('Wrong login, password or join code.'),
    );
    expect(store.getState().session).toBeNull();

    fireEvent.change(screen.getByTestId('sign-in-join-code'), { target: { value: ' ABCD-EFGH-JKLM ' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(store.getState().session?.principal.teamId).toBe('team-1'));
    expect(server.calls.at(-1)?.body).toEqual({ joinCode: 'ABCD-EFGH-JKLM', password: 'correct horse' });
    // A new page (a reload) reads the same session.
    expect(new SessionStore('team').getState().session?.accessToken).toBe('A');
    expect(new SessionStore('control').getState().session).toBeNull();
  });

  it('shows the English labels when the page is in English', () => {
    renderPage(<SignInForm store={new SessionStore('control')} allowJoin={false} />, 'en');
    expect(screen.getByTestId('sign-in-submit').textContent).toBe('Sign in');
    expect(screen.queryByTestId('sign-in-mode-join')).toBeNull();
  });
});
