import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import type { BundledScenario } from '@mamoru/contracts';
import { GamesService } from './games.service';

/** The bundled scenarios (the repository's `scenarios/`), for the control room's "create a game". */
@ApiTags('games')
@Controller('api/scenarios')
export class ScenariosController {
  constructor(private readonly games: GamesService) {}

  @Roles('organiser')
  @Get()
  @ApiOperation({ summary: 'The bundled scenarios a game may be created from by name (`scenarioName`)' })
  async list(): Promise<{ scenarios: BundledScenario[] }> {
    return { scenarios: await this.games.bundledScenarios() };
  }
}
