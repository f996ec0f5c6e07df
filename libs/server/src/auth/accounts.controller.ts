import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Roles } from './auth.decorators';
import { AccountDto, CreateAccountDto, CreatedAccountDto } from './auth.dto';
import { AccountsService, type AccountView } from './accounts.service';
import type { Principal } from './principal';

/** Organisers manage staff accounts here; member accounts come from the games feature. */
@ApiTags('accounts')
@Roles('organiser')
@Controller('api/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an organiser or grader account' })
  @ZodResponse({ status: 201, type: CreatedAccountDto })
  create(@Body() body: CreateAccountDto): Promise<{ account: AccountView; password?: string }> {
    return this.accounts.createStaffAccount(body);
  }

  @Get()
  @ApiOperation({ summary: 'Every account (no secrets)' })
  @ZodResponse({ status: 200, type: [AccountDto] })
  list(): Promise<AccountView[]> {
    return this.accounts.listAccounts();
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an account and revoke its refresh tokens' })
  @ZodResponse({ status: 200, type: AccountDto })
  disable(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.accounts.disableAccount(id, principal);
  }
}
