import { Global, Module } from '@nestjs/common';
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
      useFactory: (config: ServerConfig) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', issuer: TOKEN_ISSUER },
        verifyOptions: { algorithms: ['HS256'], issuer: TOKEN_ISSUER },
      }),
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
