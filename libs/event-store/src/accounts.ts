import { randomUUID } from 'node:crypto';
import { EventStoreError } from './errors';
import { storeDatabase, type EventStore, type StoreDatabase } from './event-store';

/** Who an account is: organisers run games, graders grade, members play in one team of one game. */
export const ACCOUNT_ROLES = ['organiser', 'grader', 'member'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** A row of `accounts` (migration 2). Hashes are the caller's business: this store never sees a secret. */
export interface Account {
  id: string;
  /** Always lower-case. */
  login: string;
  role: AccountRole;
  gameId: string | null;
  teamId: string | null;
  memberId: string | null;
  passwordHash: string | null;
  joinCodeHash: string | null;
  /** Tokens carry the version they were issued under; a bump revokes them. */
  tokenVersion: number;
  disabled: boolean;
  /** ISO 8601. */
  createdAt: string;
}

export interface NewAccount {
  /** Default: a random UUID. */
  id?: string;
  /** Stored lower-case. */
  login: string;
  role: AccountRole;
  gameId?: string | null;
  teamId?: string | null;
  memberId?: string | null;
  passwordHash?: string | null;
  joinCodeHash?: string | null;
}

/** Changes to one account, applied in one statement. */
export interface AccountChanges {
  passwordHash?: string | null;
  joinCodeHash?: string | null;
  disabled?: boolean;
  /** Adds 1 to token_version (revoking every token issued before). */
  bumpTokenVersion?: boolean;
}

export interface AccountFilter {
  role?: AccountRole;
  gameId?: string;
}

/** The accounts repository: plain reads and writes, no rules (those live in the game server's services). */
export interface AccountStore {
  /** Inserts the account; null when its login, join code or (game, member) is taken already. */
  create(account: NewAccount): Promise<Account | null>;
  findById(id: string): Promise<Account | null>;
  /** Case-insensitive. */
  findByLogin(login: string): Promise<Account | null>;
  findByJoinCodeHash(joinCodeHash: string): Promise<Account | null>;
  findMember(gameId: string, memberId: string): Promise<Account | null>;
  /** By creation time, then login. */
  list(filter?: AccountFilter): Promise<Account[]>;
  /** Whether an enabled account with this role exists. */
  hasEnabled(role: AccountRole): Promise<boolean>;
  /** The account after the changes, or null when there is no such account. */
  update(id: string, changes: AccountChanges): Promise<Account | null>;
  /**
   * Consumes a join code: in one statement, only while the account still holds this code, sets the
   * password, clears the code and bumps token_version. Null when no account holds the code (any
   * more): of two concurrent redeemers exactly one wins.
   */
  redeemJoinCode(joinCodeHash: string, passwordHash: string): Promise<Account | null>;
  /** True when an account was deleted. */
  delete(id: string): Promise<boolean>;
}

/**
 * The accounts of the database behind `store` (PGlite or PostgreSQL): same connection or pool,
 * closed with the store. Throws `INVALID` for a store not opened by `openEventStore`.
 */
export function openAccountStore(store: EventStore): AccountStore {
  return new SqlAccountStore(storeDatabase(store));
}

// A type alias, not an interface: rows must fit the backend's Record<string, unknown>.
type AccountRow = {
  id: string;
  login: string;
  role: AccountRole;
  game_id: string | null;
  team_id: string | null;
  member_id: string | null;
  password_hash: string | null;
  join_code_hash: string | null;
  token_version: number | string;
  disabled: boolean;
  created_ms: number | string;
};

// created_at leaves the database as epoch milliseconds: PGlite's Date objects come from another
// realm under jest, and the two drivers disagree on timestamp types anyway.
const ACCOUNT_COLUMNS = `id, login, role, game_id, team_id, member_id, password_hash, join_code_hash, token_version,
  disabled, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms`;

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    login: row.login,
    role: row.role,
    gameId: row.game_id,
    teamId: row.team_id,
    memberId: row.member_id,
    passwordHash: row.password_hash,
    joinCodeHash: row.join_code_hash,
    tokenVersion: Number(row.token_version),
    disabled: row.disabled === true,
    createdAt: new Date(Math.round(Number(row.created_ms))).toISOString(),
  };
}

class SqlAccountStore implements AccountStore {
  constructor(private readonly db: StoreDatabase) {}

  async create(account: NewAccount): Promise<Account | null> {
    if (!(ACCOUNT_ROLES as readonly string[]).includes(account.role)) {
      throw new EventStoreError('INVALID', `An account role must be one of ${ACCOUNT_ROLES.join(', ')}.`);
    }
    const login = normaliseLogin(account.login);
    // ON CONFLICT DO NOTHING covers every unique index: login, join code hash, (game, member).
    const rows = await this.db.run(`create account "${login}"`, (sql) =>
      sql.query<AccountRow>(
        `INSERT INTO accounts (id, login, role, game_id, team_id, member_id, password_hash, join_code_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING
         RETURNING ${ACCOUNT_COLUMNS}`,
        [
          account.id ?? randomUUID(),
          login,
          account.role,
          account.gameId ?? null,
          account.teamId ?? null,
          account.memberId ?? null,
          account.passwordHash ?? null,
          account.joinCodeHash ?? null,
        ],
      ),
    );
    return rows.length === 0 ? null : toAccount(rows[0]);
  }

  findById(id: string): Promise<Account | null> {
    return this.findOne(`find account ${id}`, 'id = $1', [id]);
  }

  findByLogin(login: string): Promise<Account | null> {
    return this.findOne('find an account by login', 'login = $1', [normaliseLogin(login)]);
  }

  findByJoinCodeHash(joinCodeHash: string): Promise<Account | null> {
    return this.findOne('find an account by join code', 'join_code_hash = $1', [joinCodeHash]);
  }

  findMember(gameId: string, memberId: string): Promise<Account | null> {
    return this.findOne(`find member ${memberId} of game "${gameId}"`, 'game_id = $1 AND member_id = $2', [
      gameId,
      memberId,
    ]);
  }

  async list(filter: AccountFilter = {}): Promise<Account[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.role !== undefined) {
      params.push(filter.role);
      conditions.push(`role = $${params.length}`);
    }
    if (filter.gameId !== undefined) {
      params.push(filter.gameId);
      conditions.push(`game_id = $${params.length}`);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = await this.db.run('list accounts', (sql) =>
      sql.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ${where} ORDER BY created_at, login`, params),
    );
    return rows.map(toAccount);
  }

  async hasEnabled(role: AccountRole): Promise<boolean> {
    const rows = await this.db.run(`look for an enabled ${role} account`, (sql) =>
      sql.query(`SELECT 1 AS found FROM accounts WHERE role = $1 AND NOT disabled LIMIT 1`, [role]),
    );
    return rows.length > 0;
  }

  async update(id: string, changes: AccountChanges): Promise<Account | null> {
    const assignments: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      assignments.push(`${column} = $${params.length}`);
    };
    if (changes.passwordHash !== undefined) set('password_hash', changes.passwordHash);
    if (changes.joinCodeHash !== undefined) set('join_code_hash', changes.joinCodeHash);
    if (changes.disabled !== undefined) set('disabled', changes.disabled);
    if (changes.bumpTokenVersion) assignments.push('token_version = token_version + 1');
    if (assignments.length === 0) return this.findById(id);
    const rows = await this.db.run(`update account ${id}`, (sql) =>
      sql.query<AccountRow>(
        `UPDATE accounts SET ${assignments.join(', ')} WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`,
        params,
      ),
    );
    return rows.length === 0 ? null : toAccount(rows[0]);
  }

  async redeemJoinCode(joinCodeHash: string, passwordHash: string): Promise<Account | null> {
    const rows = await this.db.run('redeem a join code', (sql) =>
      sql.query<AccountRow>(
        `UPDATE accounts
         SET password_hash = $2, join_code_hash = NULL, token_version = token_version + 1
         WHERE join_code_hash = $1
         RETURNING ${ACCOUNT_COLUMNS}`,
        [joinCodeHash, passwordHash],
      ),
    );
    return rows.length === 0 ? null : toAccount(rows[0]);
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.run(`delete account ${id}`, (sql) =>
      sql.query(`DELETE FROM accounts WHERE id = $1 RETURNING id`, [id]),
    );
    return rows.length > 0;
  }

  private async findOne(what: string, condition: string, params: unknown[]): Promise<Account | null> {
    const rows = await this.db.run(what, (sql) =>
      sql.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE ${condition}`, params),
    );
    return rows.length === 0 ? null : toAccount(rows[0]);
  }
}

function normaliseLogin(login: string): string {
  if (typeof login !== 'string' || login.trim().length === 0) {
    throw new EventStoreError('INVALID', 'An account login must be a non-empty string.');
  }
  return login.trim().toLowerCase();
}
