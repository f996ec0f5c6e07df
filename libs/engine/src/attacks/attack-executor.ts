import type { JobPayload } from '@mamoru/contracts';
import { MS_PER_MINUTE, newEvent } from '@mamoru/domain';
import { runAttack } from '@mamoru/sandbox';
import type { GameContext } from '../game/game-context';

/**
 * Runs one attack inject against one team's shop and records its outcome once per
 * (game, inject, team). An attack interrupted midway is run again; its effects on the shop are
 * idempotent (a second defacement writes the same page) and its outcome is stored once.
 */
export class AttackExecutor {
  constructor(private readonly ctx: GameContext) {}

  async execute(job: JobPayload<'attack.run'>): Promise<void> {
    const { store, gameId, projection, sandboxes } = this.ctx;
    const key = `attack:${job.injectId}:${job.teamId}`;
    if (await store.hasKey(gameId, key)) return;
    const state = await projection.currentAfterRestart();
    const scenario = state.scenario!;
    const inject = scenario.timeline.find((i) => i.id === job.injectId);
    if (!inject || inject.kind !== 'attack') throw new Error(`inject "${job.injectId}" is not an attack`);
    const script = scenario.attacks.find((a) => a.id === inject.attackId);
    if (!script) throw new Error(`attack "${inject.attackId}" is not in the scenario`);
    const result = await runAttack(script, sandboxes.endpoint(job.teamId), {
      timeoutMs: scenario.crawler.journeyTimeoutMs,
    }).catch((error: unknown) => ({
      // A fault of the platform itself is recorded as `error`: never counted against the team.
      outcome: 'error' as const,
      effects: [],
      stoppedAtStep: undefined,
      reason: `platform fault: ${error instanceof Error ? error.message : String(error)}`,
    }));
    await store.append(gameId, [
      newEvent(
        'attack.finished',
        {
          injectId: job.injectId,
          attackId: script.id,
          teamId: job.teamId,
          atMinute: job.atMinute,
          outcome: result.outcome,
          effects: result.outcome === 'succeeded' ? result.effects : [],
          stoppedAtStep: result.stoppedAtStep,
          reason: result.reason?.slice(0, 500),
        },
        key,
        job.atMinute * MS_PER_MINUTE,
      ),
    ]);
  }
}
