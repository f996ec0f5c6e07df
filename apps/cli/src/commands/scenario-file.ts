import type { Scenario } from '@mamoru/domain';
import { formatIssue, parseScenario } from '@mamoru/domain';
import { readFile, stat } from 'node:fs/promises';

const MAX_SCENARIO_BYTES = 1024 * 1024;

/** Reads a scenario file; problems are a ScenarioFileError whose lines are `file:line:col: message`. */
export async function readScenarioFile(file: string): Promise<{ scenario: Scenario; source: string }> {
  const source = await readSource(file);
  const result = parseScenario(source, file);
  if (!result.ok) throw new ScenarioFileError(result.issues.map(formatIssue));
  return { scenario: result.scenario, source };
}

async function readSource(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ScenarioFileError([`${file}:1:1: not a file`]);
    if (info.size > MAX_SCENARIO_BYTES)
      throw new ScenarioFileError([`${file}:1:1: the file is ${info.size} bytes; a scenario is at most 1 MiB`]);
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioFileError) throw error;
    throw new ScenarioFileError([
      `${file}:1:1: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
}

export class ScenarioFileError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}
