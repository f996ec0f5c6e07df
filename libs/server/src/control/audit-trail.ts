import type { AuditEntry, AuditPage } from '@mamoru/contracts';
import type { GameEvent, StoredEvent } from '@mamoru/domain';
import { formatStoryTime, MS_PER_MINUTE } from '@mamoru/domain';

/** The audit entry of an event, or undefined when the event names nobody. */
export function auditEntry(event: StoredEvent, clockStartsAtMinutes?: number): AuditEntry | undefined {
  const data = event.data as { by?: unknown; reason?: unknown; atMinute?: unknown };
  if (typeof data.by !== 'string') return undefined;
  const atMinute = typeof data.atMinute === 'number' ? data.atMinute : Math.floor(event.gameMs / MS_PER_MINUTE);
  const entry: AuditEntry = {
    seq: event.seq,
    type: event.type,
    atMinute,
    wallMs: event.wallMs,
    by: data.by,
    summary: auditSummary(event, (minute) => formatStoryTime(minute, clockStartsAtMinutes)),
  };
  if (typeof data.reason === 'string') entry.reason = data.reason;
  return entry;
}

const MAX_QUOTED_CHARS = 200;

/** What an event did, as one line; texts are quoted as written (JSON-escaped), never interpreted. */
export function auditSummary(event: GameEvent, time: (minute: number) => string): string {
  switch (event.type) {
    case 'clock.started':
      return `started the clock at ${event.data.speed}× speed`;
    case 'clock.paused':
      return 'paused the game';
    case 'clock.resumed':
      return 'resumed the game';
    case 'clock.speed-changed':
      return `changed the speed to ${event.data.speed}×`;
    case 'game.ended':
      return `ended the game at ${time(event.data.atMinute)}`;
    case 'inject.fired':
      return `fired inject ${event.data.injectId} by hand`;
    case 'inject.skipped':
      return `skipped inject ${event.data.injectId}`;
    case 'inject.rescheduled':
      return `moved inject ${event.data.injectId} to ${time(event.data.toMinute)}`;
    case 'board.frozen':
      return 'froze the public board';
    case 'board.unfrozen':
      return 'unfroze the public board';
    case 'announcement.posted':
      return `announced ${quote(event.data.text)}`;
    case 'sandbox.reset':
      return `reset the shop of ${event.data.teamId}`;
    case 'market.decided': {
      const { approved, requestId, teamId, priceYen } = event.data;
      return approved
        ? `approved marketplace request ${requestId} of ${teamId} (${yen(priceYen)})`
        : `rejected marketplace request ${requestId} of ${teamId}`;
    }
    case 'member.moved':
      return `moved member ${event.data.memberId} to ${event.data.units.join(' + ')}`;
    case 'member.transferred':
      return `sent member ${event.data.memberId} away on a transfer until ${time(event.data.untilMinute)}`;
    case 'response.graded': {
      const { teamId, injectId, grade, comment } = event.data;
      const graded = `graded the response of ${teamId} to ${injectId}: ${Math.round(grade * 1000) / 10}%`;
      return comment ? `${graded}, ${quote(comment)}` : graded;
    }
    case 'score.adjusted': {
      const { teamId, target, amount } = event.data;
      const sign = amount > 0 ? '+' : '−';
      const size = target === 'esc' ? yen(Math.abs(amount)) : `${Math.abs(amount)} points`;
      return `adjusted the ${target === 'esc' ? 'ESC' : `${target} score`} of ${teamId} by ${sign}${size}`;
    }
    default:
      return event.type;
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text);
}

function yen(amount: number): string {
  return `¥${amount.toLocaleString('en-US')}`;
}

/** Reads the events of a game in (afterSeq, toSeq], at most `limit` of them. */
export type ReadEvents = (
  gameId: string,
  range: { afterSeq: number; toSeq: number; limit: number },
) => Promise<StoredEvent[]>;

/**
 * Each game's audit trail, kept and moved on by the events appended since the last read: a read
 * at a seq already seen costs nothing.
 */
export class AuditTrails {
  private readonly games = new Map<string, GameAudit>();

  constructor(
    private readonly readEvents: ReadEvents,
    private readonly options: { maxGames?: number; readChunk?: number } = {},
  ) {}

  async page(gameId: string, seq: number, afterSeq: number, limit: number): Promise<AuditPage> {
    let audit = this.games.get(gameId);
    if (audit) this.games.delete(gameId);
    else audit = new GameAudit();
    this.games.set(gameId, audit); // most recently read last
    while (this.games.size > (this.options.maxGames ?? 16)) this.games.delete(this.games.keys().next().value!);
    await audit.upTo(seq, (range) => this.readEvents(gameId, range), this.options.readChunk ?? 5000);
    return audit.page(afterSeq, limit);
  }
}

class GameAudit {
  private seq = 0;
  private clockStartsAtMinutes?: number;
  private readonly entries: AuditEntry[] = [];
  private catchingUp: Promise<unknown> = Promise.resolve();

  upTo(
    seq: number,
    read: (range: { afterSeq: number; toSeq: number; limit: number }) => Promise<StoredEvent[]>,
    chunk: number,
  ): Promise<void> {
    const next = this.catchingUp.then(async () => {
      while (this.seq < seq) {
        const events = await read({ afterSeq: this.seq, toSeq: seq, limit: chunk });
        if (events.length === 0) break;
        for (const event of events) {
          if (event.type === 'game.created') this.clockStartsAtMinutes = event.data.scenario.clockStartsAtMinutes;
          const entry = auditEntry(event, this.clockStartsAtMinutes);
          if (entry) this.entries.push(entry);
          this.seq = event.seq;
        }
      }
    });
    this.catchingUp = next.catch(() => undefined);
    return next;
  }

  page(afterSeq: number, limit: number): AuditPage {
    let start = 0;
    let end = this.entries.length;
    while (start < end) {
      const middle = (start + end) >>> 1;
      if (this.entries[middle].seq <= afterSeq) start = middle + 1;
      else end = middle;
    }
    const entries = this.entries.slice(start, start + limit);
    const more = start + entries.length < this.entries.length;
    return { seq: this.seq, entries, nextAfterSeq: more ? entries[entries.length - 1].seq : undefined };
  }
}
