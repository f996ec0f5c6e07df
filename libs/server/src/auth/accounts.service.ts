import type { Account, AccountRole, AccountStore } from '@mamoru/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { ACCOUNT_STORE } from './account-store.provider';
import { generateJoinCode } from './join-codes';
import { LOGIN_PATTERN, normaliseLogin } from './logins';
import { checkNewPassword, generatePassword, PasswordHasher } from './passwords';
import type { Principal } from './principal';

/** An account as clients see it: never a hash. */
export interface AccountView {
  id: string;
  login: string;
  role: AccountRole;
  gameId: string | null;
  teamId: string | null;
  memberId: string | null;
  disabled: boolean;
  /** Whether the account has a password (a member who has not joined yet has only a join code). */
  hasPassword: boolean;
  createdAt: string;
}

export type StaffRole = Extract<AccountRole, 'organiser' | 'grader'>;

export interface NewStaffAccount {
  login: string;
  role: StaffRole;
  /** Generated (and returned once) when absent. */
  password?: string;
}

export interface NewMemberAccount {
  gameId: string;
  teamId: string;
  memberId: string;
  login: string;
}

export function accountView(account: Account): AccountView {
  return {
    id: account.id,
    login: account.login,
    role: account.role,
    gameId: account.gameId,
    teamId: account.teamId,
    memberId: account.memberId,
    disabled: account.disabled,
    hasPassword: account.passwordHash !== null,
    createdAt: account.createdAt,
  };
}

/** Managing accounts: organisers and graders by organisers, members by the games feature. */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    private readonly passwords: PasswordHasher,
  ) {}

  /** An organiser or grader account; `password` is set only when it was generated here. */
  async createStaffAccount(input: NewStaffAccount): Promise<{ account: AccountView; password?: string }> {
    const login = checkedLogin(input.login);
    const password = input.password ?? generatePassword();
    checkNewPassword(password);
    const created = await this.accounts.create({
      login,
      role: input.role,
      passwordHash: await this.passwords.hash(password),
    });
    if (!created) throw loginTaken(login);
    return input.password === undefined
      ? { account: accountView(created), password }
      : { account: accountView(created) };
  }

  async listAccounts(): Promise<AccountView[]> {
    return (await this.accounts.list()).map(accountView);
  }

  /** Disables an account and revokes its refresh tokens (access tokens lapse within their TTL). */
  async disableAccount(accountId: string, by: Principal): Promise<AccountView> {
    if (accountId === by.accountId) {
      // Keeps at least one organiser able to sign in: nobody can disable the last one they are.
      throw new AppError(409, 'CONFLICT', 'You cannot disable your own account.');
    }
    const updated = await this.accounts.update(accountId, { disabled: true, bumpTokenVersion: true });
    if (!updated) throw accountNotFound(accountId);
    return accountView(updated);
  }

  /** The logins of `logins` that an account has already (case-insensitive). */
  async takenLogins(logins: string[]): Promise<string[]> {
    const taken: string[] = [];
    for (const login of logins) if (await this.accounts.findByLogin(normaliseLogin(login))) taken.push(login);
    return taken;
  }

  /** A member's account with a fresh one-time join code (shown once: only its hash is stored). */
  async createMember(input: NewMemberAccount): Promise<{ accountId: string; login: string; joinCode: string }> {
    const login = checkedLogin(input.login);
    const { joinCode, joinCodeHash } = generateJoinCode();
    const created = await this.accounts.create({
      login,
      role: 'member',
      gameId: input.gameId,
      teamId: input.teamId,
      memberId: input.memberId,
      joinCodeHash,
    });
    if (!created) {
      throw new AppError(
        409,
        'CONFLICT',
        `The login "${login}" is taken, or member ${input.memberId} of game ${input.gameId} has an account already.`,
      );
    }
    return { accountId: created.id, login: created.login, joinCode };
  }

  /**
   * A new join code for a member (lost code, new device, a transfer): the password is cleared and
   * every token revoked, so only the holder of the new code can sign in again.
   */
  async reissueJoinCode(accountId: string): Promise<{ joinCode: string }> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw accountNotFound(accountId);
    if (account.role !== 'member') throw new AppError(409, 'CONFLICT', 'Only member accounts have join codes.');
    const { joinCode, joinCodeHash } = generateJoinCode();
    const updated = await this.accounts.update(accountId, {
      joinCodeHash,
      passwordHash: null,
      bumpTokenVersion: true,
    });
    if (!updated) throw accountNotFound(accountId);
    return { joinCode };
  }

  async findMember(gameId: string, memberId: string): Promise<AccountView | null> {
    const account = await this.accounts.findMember(gameId, memberId);
    return account === null ? null : accountView(account);
  }

  async listMembers(gameId: string): Promise<AccountView[]> {
    return (await this.accounts.list({ gameId, role: 'member' })).map(accountView);
  }
}

function checkedLogin(login: string): string {
  const normalised = normaliseLogin(login);
  if (!LOGIN_PATTERN.test(normalised)) {
    throw new AppError(400, 'INVALID', `"${login}" is not a valid login: use 1-100 of a-z, 0-9, '.', '_' and '-'.`);
  }
  return normalised;
}

const loginTaken = (login: string) => new AppError(409, 'CONFLICT', `The login "${login}" is taken.`);
const accountNotFound = (id: string) => new AppError(404, 'NOT_FOUND', `No account ${id}.`);
