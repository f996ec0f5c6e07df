import type { StoredEvent } from '@mamoru/domain';
import { GameEventSchema } from '@mamoru/domain';
import type { EventStore } from '@mamoru/event-store';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';

/**
 * A finished game as one file (game-model §11): gzip-compressed NDJSON, a header line then every
 * event in sequence order. The replay view and `mamoru replay` open it without a server.
 */
export const ARCHIVE_FORMAT = 'mamoru-archive';
export const ARCHIVE_VERSION = 1;

export const ArchiveHeaderSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  gameId: z.string(),
  scenarioId: z.string(),
  /** The scenario file as written, for people and for re-scoring. */
  scenarioSource: z.string().optional(),
  seed: z.number().int(),
  eventCount: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  exportedAt: z.string(),
  mamoruVersion: z.string(),
});
export type ArchiveHeader = z.infer<typeof ArchiveHeaderSchema>;

const StoredEnvelopeSchema = z.object({
  gameId: z.string(),
  seq: z.number().int().min(1),
  key: z.string(),
  gameMs: z.number(),
  wallMs: z.number(),
});

export class ArchiveError extends Error {
  readonly code = 'ARCHIVE_INVALID';
}

export async function writeArchive(
  file: string,
  store: EventStore,
  gameId: string,
  meta: { scenarioSource?: string; mamoruVersion: string },
): Promise<ArchiveHeader> {
  const events = await store.read(gameId);
  const created = events[0];
  if (!created || created.type !== 'game.created') throw new ArchiveError(`game "${gameId}" has no events to archive`);
  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    gameId,
    scenarioId: created.data.scenario.id,
    scenarioSource: meta.scenarioSource,
    seed: created.data.seed,
    eventCount: events.length,
    lastSeq: events[events.length - 1].seq,
    exportedAt: new Date().toISOString(),
    mamoruVersion: meta.mamoruVersion,
  };
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  function* lines(): Generator<string> {
    yield JSON.stringify(header) + '\n';
    for (const event of events) yield JSON.stringify(event) + '\n';
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
  await rename(partial, file); // a crash mid-write never leaves a half archive under the real name
  return header;
}

/** Reads and validates an archive; any damage is an ArchiveError saying where. */
export async function readArchive(file: string): Promise<{ header: ArchiveHeader; events: StoredEvent[] }> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const failure = new Promise<never>((_, reject) => {
    input.on('error', (e: NodeJS.ErrnoException) =>
      reject(new ArchiveError(e.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${e.message}`)),
    );
    gunzip.on('error', (e) => reject(new ArchiveError(`${file} is not a complete gzip archive (${e.message})`)));
  });
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  const read = (async () => {
    let header: ArchiveHeader | undefined;
    const events: StoredEvent[] = [];
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.length === 0) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new ArchiveError(`${file}: line ${lineNo} is not JSON`);
      }
      if (!header) {
        const parsed = ArchiveHeaderSchema.safeParse(value);
        if (!parsed.success)
          throw new ArchiveError(
            `${file}: the first line is not a Mamoru archive header (${parsed.error.issues[0]?.message})`,
          );
        header = parsed.data;
        continue;
      }
      events.push(parseArchivedEvent(value, file, lineNo, events.length + 1));
    }
    if (!header) throw new ArchiveError(`${file} is empty`);
    if (events.length < header.eventCount) {
      throw new ArchiveError(
        `${file} is truncated: the header promises ${header.eventCount} events, found ${events.length}`,
      );
    }
    if (events.length > header.eventCount || events[events.length - 1]?.seq !== header.lastSeq) {
      throw new ArchiveError(
        `${file} does not match its header: ${header.eventCount} events up to seq ${header.lastSeq} promised, found ${events.length}`,
      );
    }
    if (events[0]?.type !== 'game.created') throw new ArchiveError(`${file}: the first event is not game.created`);
    return { header, events };
  })();
  read.catch(() => undefined);
  failure.catch(() => undefined);
  return Promise.race([read, failure]);
}

function parseArchivedEvent(value: unknown, file: string, lineNo: number, expectedSeq: number): StoredEvent {
  const envelope = StoredEnvelopeSchema.safeParse(value);
  const body = GameEventSchema.safeParse(
    typeof value === 'object' && value !== null
      ? {
          type: (value as Record<string, unknown>).type,
          v: (value as Record<string, unknown>).v,
          data: (value as Record<string, unknown>).data,
        }
      : value,
  );
  if (!envelope.success || !body.success) {
    const issue = (envelope.error ?? body.error)?.issues[0];
    throw new ArchiveError(
      `${file}: line ${lineNo} is not a valid event (${issue?.path.join('.') ?? ''} ${issue?.message ?? ''})`.trim(),
    );
  }
  if (envelope.data.seq !== expectedSeq)
    throw new ArchiveError(`${file}: line ${lineNo} has seq ${envelope.data.seq}, expected ${expectedSeq}`);
  return { ...envelope.data, ...body.data } as StoredEvent;
}
