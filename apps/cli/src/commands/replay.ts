import { foldEvents, MS_PER_MINUTE, parseGameTime } from '@mamoru/domain';
import { ArchiveError, readArchive } from '@mamoru/engine';
import { standingsDocument, standingsTable } from '../output/standings-output';
import { UsageError } from '../usage-error';

/** `mamoru replay <archive> [--at HH:MM]`: the standings at that game time, by the same fold. */
export async function replayCommand(
  file: string,
  options: { at?: string; json: boolean },
  out: (line: string) => void,
): Promise<number> {
  let atMinute: number | undefined;
  if (options.at !== undefined) {
    try {
      atMinute = parseGameTime(options.at);
    } catch {
      throw new UsageError(`--at must be a game time HH:MM (got "${options.at}")`);
    }
  }
  const { events } = await readArchive(file);
  const upTo = atMinute === undefined ? events : events.filter((e) => e.gameMs <= atMinute! * MS_PER_MINUTE);
  let state;
  try {
    state = foldEvents(undefined, upTo);
  } catch (error) {
    throw new ArchiveError(
      `${file}: its events do not make a game (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const shownMinute = atMinute === undefined ? state.tick : Math.min(atMinute, state.tick);
  if (options.json) out(JSON.stringify(standingsDocument(state, shownMinute), null, 2));
  else out(standingsTable(state, shownMinute));
  return 0;
}
