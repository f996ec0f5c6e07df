import { createWriteStream, renameSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/**
 * The shop's access log: what a team reads from its ops console to spot an attack. The last lines
 * are kept in memory for `GET /_ops/logs`; every line is also appended to `<dataDir>/access.log`,
 * which is rotated once to `access.log.1` when it grows large (a flood must not fill the disk).
 */

export interface AccessRecord {
  at: Date;
  method: string;
  target: string;
  status: number;
  remoteAddress: string;
}

const RING_SIZE = 1000;
const ROTATE_AT_BYTES = 20 * 1024 * 1024;

/** Request targets come from the client; control characters would let it forge log lines. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function formatAccessLine(record: AccessRecord): string {
  return [
    record.at.toISOString(),
    printable(record.method),
    printable(record.target),
    String(record.status),
    printable(record.remoteAddress),
  ].join(' ');
}

export class AccessLog {
  private readonly ring: string[] = [];
  private readonly file: string;
  private stream: WriteStream;
  private fileBytes: number;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'access.log');
    this.fileBytes = sizeOf(this.file);
    this.stream = this.openStream();
  }

  append(record: AccessRecord): void {
    const line = formatAccessLine(record);
    this.ring.push(line);
    if (this.ring.length > RING_SIZE) this.ring.shift();
    const bytes = Buffer.byteLength(line) + 1;
    if (this.fileBytes + bytes > ROTATE_AT_BYTES) this.rotate();
    this.fileBytes += bytes;
    this.stream.write(`${line}\n`);
  }

  /** The most recent `limit` lines, most recent last. */
  recent(limit: number): string[] {
    return limit <= 0 ? [] : this.ring.slice(-limit);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }

  private openStream(): WriteStream {
    const stream = createWriteStream(this.file, { flags: 'a' });
    // A full disk must not take the shop down; the in-memory ring still works.
    stream.on('error', (error) => process.stderr.write(`sandbox-shop: access log: ${error.message}\n`));
    return stream;
  }

  private rotate(): void {
    this.stream.end();
    try {
      renameSync(this.file, `${this.file}.1`);
    } catch {
      // Nothing to rotate yet (file never created); keep appending.
    }
    this.fileBytes = 0;
    this.stream = this.openStream();
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
