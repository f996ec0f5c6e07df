import { runMamoru } from '@mamoru/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerSummaryOfArchive } from './ledger-summary';

/**
 * A recorded whole game (test/fixtures/mini.yaml, 3 teams, mixed bots) and what the fold made of
 * it when it was recorded. Any change to the fold that moves a figure shows here, byte for byte.
 * After an intended change, regenerate the expected files as test/golden/README.md says.
 */
const ARCHIVE = join(__dirname, 'mini-3-mixed.ndjson.gz');

describe('the recorded mini game', () => {
  it('replays to the recorded standings, byte for byte', async () => {
    const replay = await runMamoru(['replay', ARCHIVE, '--json']);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toBe(readFileSync(join(__dirname, 'mini-3-mixed.standings.json'), 'utf8'));
  });

  it('folds to the recorded ledger', async () => {
    expect(await ledgerSummaryOfArchive(ARCHIVE)).toBe(
      readFileSync(join(__dirname, 'mini-3-mixed.ledger.json'), 'utf8'),
    );
  });
});
