import { ApiError, apiRequest, type RequestOptions } from '../api/client';

/** Who is signed in, as the server's tokens say (`principal` of every sign-in answer). */
export interface Principal {
  accountId: string;
  role: 'organiser' | 'grader' | 'member';
  login: string;
  gameId?: string;
  teamId?: string;
  memberId?: string;
}

interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  principal: Principal;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Local wall time at which the access token expires. */
  expiresAtMs: number;
  principal: Principal;
}

/** Which page signs in: members use the team dashboard, staff the control room; each keeps its own session. */
export type SessionScope = 'team' | 'control';

export interface SessionState {
  session: Session | null;
  /** Why the last session ended without a sign-out (its refresh token was refused). */
  expired: boolean;
}

/** Refresh the access token when less than this is left of it. */
const REFRESH_MARGIN_MS = 60_000;

interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/**
 * A signed-in session for one page (`team` or `control`), kept in localStorage so that a reload
 * stays signed in. `request()` sends the access token, refreshes it shortly before it expires (one
 * refresh at a time) and once more after a 401; when the refresh token is refused too, the session
 * ends (`expired`). Framework-free; React reads it with `useSession`.
 */
export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<Session | null> | null = null;
  private readonly storageKey: string;

  constructor(
    readonly scope: SessionScope,
    private readonly storage: KeyValueStorage | null = browserStorage(),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.storageKey = `mamoru.session.${scope}`;
    this.state = { session: this.load(), expired: false };
  }

  readonly getState = (): SessionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async signIn(login: string, password: string): Promise<Session> {
    return this.begin(await apiRequest<TokenAnswer>('/api/auth/login', { method: 'POST', body: { login, password } }));
  }

  /** First sign-in of a member: the one-time join code sets their password. */
  async join(joinCode: string, password: string): Promise<Session> {
    return this.begin(
      await apiRequest<TokenAnswer>('/api/auth/join', { method: 'POST', body: { joinCode, password } }),
    );
  }

  signOut(): void {
    this.set({ session: null, expired: false });
  }

  /** An access token valid for at least a minute more (refreshed when needed), or null when signed out. */
  async token(): Promise<string | null> {
    const session = this.state.session;
    if (!session) return null;
    if (session.expiresAtMs - this.now() > REFRESH_MARGIN_MS) return session.accessToken;
    return (await this.refresh())?.accessToken ?? null;
  }

  /** An authenticated API call; a 401 refreshes the token once and tries again. */
  async request<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    const token = await this.token();
    if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in.');
    try {
      return await apiRequest<T>(path, { ...options, token });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      const fresh = await this.refresh();
      if (!fresh) throw error;
      return apiRequest<T>(path, { ...options, token: fresh.accessToken });
    }
  }

  /** A new token pair from the refresh token; null (and signed out, `expired`) when it is refused. */
  refresh(): Promise<Session | null> {
    const session = this.state.session;
    if (!session) return Promise.resolve(null);
    this.refreshing ??= apiRequest<TokenAnswer>('/api/auth/refresh', {
      method: 'POST',
      body: { refreshToken: session.refreshToken },
    })
      .then((answer) => this.begin(answer))
      .catch((error: unknown) => {
        // A refused refresh token ends the session; a network failure keeps it for the next try.
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          if (this.state.session?.refreshToken === session.refreshToken) this.set({ session: null, expired: true });
          return null;
        }
        throw error;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private begin(answer: TokenAnswer): Session {
    const session: Session = {
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAtMs: this.now() + answer.expiresIn * 1000,
      principal: answer.principal,
    };
    this.set({ session, expired: false });
    return session;
  }

  private set(state: SessionState): void {
    this.state = state;
    try {
      if (state.session) this.storage?.setItem(this.storageKey, JSON.stringify(state.session));
      else this.storage?.removeItem(this.storageKey);
    } catch {
      // storage full or disabled: the session lasts for this page only
    }
    for (const listener of [...this.listeners]) listener();
  }

  private load(): Session | null {
    try {
      const raw = this.storage?.getItem(this.storageKey);
      if (!raw) return null;
      const session = JSON.parse(raw) as Partial<Session>;
      if (
        typeof session.accessToken !== 'string' ||
        typeof session.refreshToken !== 'string' ||
        typeof session.expiresAtMs !== 'number' ||
        !session.principal ||
        typeof session.principal.login !== 'string'
      )
        return null;
      return session as Session;
    } catch {
      return null;
    }
  }
}

const stores = new Map<SessionScope, SessionStore>();

/** The page's one session store for `scope`. */
export function sessionStore(scope: SessionScope): SessionStore {
  let store = stores.get(scope);
  if (!store) {
    store = new SessionStore(scope);
    stores.set(scope, store);
  }
  return store;
}
