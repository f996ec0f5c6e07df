import { readScenarioFile, ScenarioFileError } from './scenario-file';

/** `mamoru validate <file>...`: 0 when all are valid, 1 with `file:line:col: message` lines. */
export async function validateCommand(
  files: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  let failed = false;
  for (const file of files) {
    try {
      const { scenario } = await readScenarioFile(file);
      out(
        `${file}: ok (${scenario.id}: ${scenario.timeline.length} timeline entries, ${scenario.attacks.length} attacks)`,
      );
    } catch (error) {
      if (!(error instanceof ScenarioFileError)) throw error;
      failed = true;
      for (const line of error.lines) err(line);
    }
  }
  return failed ? 1 : 0;
}
