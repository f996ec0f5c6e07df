import { Module } from '@nestjs/common';
import { ShopConsoleController } from './shop-console.controller';
import { ShopConsoleService } from './shop-console.service';
import { TeamGate } from './team-gate';
import { TeamsController } from './teams.controller';
import { TeamsService } from './teams.service';

/** A team's dashboard, ledger, business actions and shop console (GameRegistry comes from the global GamesModule). */
@Module({
  controllers: [TeamsController, ShopConsoleController],
  providers: [TeamGate, TeamsService, ShopConsoleService],
})
export class TeamsModule {}
