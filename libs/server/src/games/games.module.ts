import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { MEMBER_ACCESS } from '../auth/member-access';
import { GameHealth } from './game-health';
import { GameRegistry } from './game-registry';
import type { LiveGameOptions } from './game-server-options';
import { LIVE_GAME_OPTIONS } from './game-server-options';
import { GamesController } from './games.controller';
import { ScenariosController } from './scenarios.controller';
import { GamesService } from './games.service';
import { MemberAccessService } from './member-access.service';

/** Games, their lifecycle and members; the registry is global so team, control and live modules share it. */
@Global()
@Module({})
export class GamesModule {
  static forRoot(options: LiveGameOptions): DynamicModule {
    return {
      module: GamesModule,
      controllers: [GamesController, ScenariosController],
      providers: [
        { provide: LIVE_GAME_OPTIONS, useValue: options },
        GameRegistry,
        GamesService,
        GameHealth,
        MemberAccessService,
        { provide: MEMBER_ACCESS, useExisting: MemberAccessService },
      ],
      exports: [GameRegistry, GamesService, LIVE_GAME_OPTIONS, MEMBER_ACCESS],
    };
  }
}
