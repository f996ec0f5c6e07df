import { GameWorkers, type JobHandlers } from './game-queues';

describe('GameWorkers', () => {
  it('refuses to start when a job name has no handler', () => {
    const handlers = { 'tick.score': async () => undefined } as unknown as JobHandlers;
    expect(() => new GameWorkers('g', { host: '127.0.0.1', port: 1 }, handlers)).toThrow(
      'no handler for job(s): attack.run',
    );
  });
});
