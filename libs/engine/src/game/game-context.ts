import type { EventStore } from '@mamoru/event-store';
import type { SandboxDriver } from '@mamoru/sandbox';
import type { GameStateProjection } from '../state/game-state-projection';

/** What every engine service of one game works with. */
export interface GameContext {
  gameId: string;
  store: EventStore;
  projection: GameStateProjection;
  sandboxes: SandboxDriver;
}
