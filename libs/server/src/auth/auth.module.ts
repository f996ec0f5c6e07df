import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { accountStoreProvider, ACCOUNT_STORE } from './account-store.provider';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottlerModule } from './login-throttle';
import { PasswordHasher } from './passwords';
import { TOKEN_ISSUER, TokenService } from './tokens';

/** Accounts, sign-in and the global auth guard; global so that features can inject AuthService and AccountsService. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => {
        // A key object made once: given the secret as a string, jsonwebtoken first tries (and fails)
        // to read it as a public key on every check, which cost most of a request's CPU.
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER },
          verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER },
        };
      },
    }),
    LoginThrottlerModule,
  ],
  controllers: [AuthController, AccountsController],
  providers: [
    accountStoreProvider,
    PasswordHasher,
    TokenService,
    AuthService,
    AccountsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AccountsService, ACCOUNT_STORE],
})
export class AuthModule {}
