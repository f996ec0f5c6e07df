import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { LOGIN_PATTERN } from './logins';
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from './passwords';

// Request bodies are strict: an unknown field is a 400 VALIDATION, not silently dropped.

/** A password being set. Passwords being checked accept any length up to the maximum (no hints). */
const newPassword = z.string().min(PASSWORD_MIN_CHARS).max(PASSWORD_MAX_CHARS);
const givenPassword = z.string().min(1).max(PASSWORD_MAX_CHARS);

export class LoginDto extends createZodDto(
  z.strictObject({
    login: z.string().trim().min(1).max(100),
    password: givenPassword,
  }),
) {}

export class JoinDto extends createZodDto(
  z.strictObject({
    joinCode: z.string().min(1).max(64).describe('as shown, XXXX-XXXX-XXXX; case and dashes do not matter'),
    password: newPassword.describe('the password the member will sign in with from now on'),
  }),
) {}

export class RefreshDto extends createZodDto(z.strictObject({ refreshToken: z.string().min(1).max(4096) })) {}

export class ChangePasswordDto extends createZodDto(z.strictObject({ currentPassword: givenPassword, newPassword })) {}

export class CreateAccountDto extends createZodDto(
  z.strictObject({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .regex(LOGIN_PATTERN, "1-100 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit"),
    role: z.enum(['organiser', 'grader']),
    password: newPassword.optional().describe('generated and returned once when absent'),
  }),
) {}

const PrincipalSchema = z.object({
  accountId: z.string(),
  role: z.enum(['organiser', 'grader', 'member']),
  login: z.string(),
  gameId: z.string().optional(),
  teamId: z.string().optional(),
  memberId: z.string().optional(),
});

export class PrincipalDto extends createZodDto(PrincipalSchema) {}

export class TokenResponseDto extends createZodDto(
  z.object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().describe('seconds until the access token expires'),
    principal: PrincipalSchema,
  }),
) {}

const AccountSchema = z.object({
  id: z.string(),
  login: z.string(),
  role: z.enum(['organiser', 'grader', 'member']),
  gameId: z.string().nullable(),
  teamId: z.string().nullable(),
  memberId: z.string().nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});

export class AccountDto extends createZodDto(AccountSchema) {}

export class CreatedAccountDto extends createZodDto(
  z.object({
    account: AccountSchema,
    password: z.string().optional().describe('the generated password, shown this once'),
  }),
) {}
