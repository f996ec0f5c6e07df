import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Public } from './auth.decorators';
import { ChangePasswordDto, JoinDto, LoginDto, PrincipalDto, RefreshDto, TokenResponseDto } from './auth.dto';
import { AuthService, type TokenResponse } from './auth.service';
import { LoginThrottle } from './login-throttle';
import type { Principal } from './principal';

@ApiTags('auth')
@ApiUnauthorizedResponse({ description: 'wrong credentials, or a missing, expired or revoked token' })
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with login and password' })
  @ZodResponse({ status: 200, type: TokenResponseDto })
  login(@Body() body: LoginDto): Promise<TokenResponse> {
    return this.auth.login(body.login, body.password);
  }

  @Post('join')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: "A member's first sign-in: the one-time join code sets their password" })
  @ZodResponse({ status: 200, type: TokenResponseDto })
  join(@Body() body: JoinDto): Promise<TokenResponse> {
    return this.auth.join(body.joinCode, body.password);
  }

  @Post('refresh')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'New tokens for a refresh token' })
  @ZodResponse({ status: 200, type: TokenResponseDto })
  refresh(@Body() body: RefreshDto): Promise<TokenResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('password')
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Change your password (revokes your other sessions)' })
  @ZodResponse({ status: 200, type: TokenResponseDto })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<TokenResponse> {
    return this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who the access token belongs to' })
  @ZodResponse({ status: 200, type: PrincipalDto })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
