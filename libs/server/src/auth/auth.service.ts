import type { Account, AccountStore } from '@mamoru/event-store';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { AppError } from '../errors/app-error';
import { ACCOUNT_STORE } from './account-store.provider';
import { hashJoinCode, normaliseJoinCode } from './join-codes';
import { ADMIN_LOGIN } from './logins';
import { checkNewPassword, generatePassword, PasswordHasher } from './passwords';
import type { Principal } from './principal';
import { principalOf, TokenService, type TokenPair } from './tokens';

export interface TokenResponse extends TokenPair {
  principal: Principal;
}

export interface AdminCredentials {
  login: string;
  password: string;
}

/** One message for every failed sign-in, so that answers never tell which logins or codes exist. */
const SIGN_IN_FAILED = 'Wrong login, password or join code.';
const signInFailed = () => new AppError(401, 'UNAUTHENTICATED', SIGN_IN_FAILED);

/** Signing in (password, join code, refresh token), tokens, and the first organiser. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');
  private adminBootstrap?: Promise<AdminCredentials | null>;

  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bootstrapAdmin();
  }

  async login(login: string, password: string): Promise<TokenResponse> {
    const account = await this.accounts.findByLogin(login);
    // Unknown logins and members who have not joined still cost one argon2 verification (timing).
    const matches = await this.passwords.verify(account?.passwordHash ?? null, password);
    if (!account || !matches || account.disabled) throw signInFailed();
    return this.signIn(account);
  }

  /** A member's first sign-in: the one-time join code sets their password and is used up. */
  async join(joinCode: string, password: string): Promise<TokenResponse> {
    checkNewPassword(password);
    const canonical = normaliseJoinCode(joinCode);
    if (canonical === null) throw signInFailed();
    const codeHash = hashJoinCode(canonical);
    const account = await this.accounts.findByJoinCodeHash(codeHash);
    if (!account || account.role !== 'member' || account.disabled) throw signInFailed();
    // Redeeming is conditional on the code still being there: of two joins at once, one wins.
    const joined = await this.accounts.redeemJoinCode(codeHash, await this.passwords.hash(password));
    if (!joined) throw signInFailed();
    return this.signIn(joined);
  }

  /** New tokens for a refresh token whose account is enabled and whose token version is current. */
  async refresh(refreshToken: string): Promise<TokenResponse> {
    const { accountId, tokenVersion } = this.tokens.verifyRefresh(refreshToken);
    const account = await this.accounts.findById(accountId);
    if (!account || account.disabled || account.tokenVersion !== tokenVersion) {
      throw new AppError(401, 'UNAUTHENTICATED', 'The refresh token has been revoked: sign in again.');
    }
    return this.signIn(account);
  }

  /** Sets a new password; every earlier refresh token is revoked, and fresh tokens are returned. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<TokenResponse> {
    checkNewPassword(newPassword);
    const account = await this.accounts.findById(principal.accountId);
    const matches = await this.passwords.verify(account?.passwordHash ?? null, currentPassword);
    if (!account || account.disabled) throw signInFailed();
    if (!matches) throw new AppError(401, 'UNAUTHENTICATED', 'The current password is wrong.');
    const updated = await this.accounts.update(account.id, {
      passwordHash: await this.passwords.hash(newPassword),
      bumpTokenVersion: true,
    });
    if (!updated) throw signInFailed();
    return this.signIn(updated);
  }

  /** The principal of a valid access token (for Socket.IO handshakes); AppError 401 otherwise. */
  verifyAccessToken(token: string): Principal {
    return this.tokens.verifyAccess(token);
  }

  /**
   * Makes sure an organiser exists: on first start creates `admin` with MAMORU_ADMIN_PASSWORD or a
   * generated password. Resolves to the generated credentials when it just created them (to print
   * once), else null. Runs once per process; later calls return the same answer.
   */
  bootstrapAdmin(): Promise<AdminCredentials | null> {
    this.adminBootstrap ??= this.createAdminIfNoOrganiser();
    return this.adminBootstrap;
  }

  private async createAdminIfNoOrganiser(): Promise<AdminCredentials | null> {
    if (await this.accounts.hasEnabled('organiser')) return null;
    const password = this.config.adminPassword ?? generatePassword();
    const created = await this.accounts.create({
      login: ADMIN_LOGIN,
      role: 'organiser',
      passwordHash: await this.passwords.hash(password),
    });
    if (!created) {
      const existing = await this.accounts.findByLogin(ADMIN_LOGIN);
      // Another server process starting at the same time created it: that one prints the password.
      if (existing?.role === 'organiser' && !existing.disabled) return null;
      throw new Error(
        `There is no enabled organiser account and the login "${ADMIN_LOGIN}" is taken by a ` +
          `${existing?.disabled ? 'disabled ' : ''}${existing?.role ?? 'other'} account: enable an organiser or ` +
          `delete that account in the database, then start again.`,
      );
    }
    this.logger.log(`created the organiser account "${ADMIN_LOGIN}"`);
    return this.config.adminPassword === undefined ? { login: ADMIN_LOGIN, password } : null;
  }

  private signIn(account: Account): TokenResponse {
    return { ...this.tokens.issue(account), principal: principalOf(account) };
  }
}
