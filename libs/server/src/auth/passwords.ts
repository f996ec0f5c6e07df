import { Injectable, type OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppError } from '../errors/app-error';
import { randomText } from './random-text';

export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_CHARS = 200;
export const GENERATED_PASSWORD_CHARS = 20;

/** Letters and digits that survive being read aloud or copied from a screen (no 0/O, 1/l/I). */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password for accounts created without one (about 116 bits). */
export function generatePassword(): string {
  return randomText(PASSWORD_ALPHABET, GENERATED_PASSWORD_CHARS);
}

/** A password being set must be 8-200 characters (the DTOs say so too; this guards other callers). */
export function checkNewPassword(password: string): void {
  if (password.length < PASSWORD_MIN_CHARS || password.length > PASSWORD_MAX_CHARS) {
    throw new AppError(
      400,
      'INVALID',
      `A password must have ${PASSWORD_MIN_CHARS} to ${PASSWORD_MAX_CHARS} characters.`,
    );
  }
}

/** argon2id hashing (the library's defaults: 64 MiB, 3 passes, 4 lanes). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash?: Promise<string>;

  /** The dummy hash is ready before the first sign-in, so that even the first unknown login takes the usual time. */
  async onModuleInit(): Promise<void> {
    this.dummyHash ??= this.hash(generatePassword());
    await this.dummyHash;
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  /**
   * Whether `password` matches `hash`. Without a hash (unknown login, member who has not joined) it
   * still runs one verification, against a dummy, so the answer takes as long either way.
   */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (hash === null) {
      this.dummyHash ??= this.hash(generatePassword());
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
