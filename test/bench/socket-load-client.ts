import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type {
  ChildMessage,
  CollectReply,
  ConnectCommand,
  ConnectReply,
  HttpCommand,
  HttpReply,
  ParentCommand,
} from './push-kit';

/**
 * The load client of figure 7, a child process of the bench (`node -r ./tools/register.js
 * test/bench/socket-load-client.ts <name>`, forked with an IPC channel): it holds the client side
 * of thousands of Socket.IO connections, or sends the API requests, so that the bench process
 * runs only the servers being measured. For every measured message a socket receives it records
 * receipt time − the message's send stamp, both `performance.timeOrigin + performance.now()` on
 * this machine's clock; when every connected socket of a pool has a round it tells the parent,
 * which collects the samples after its rounds. Exits when the parent says so or goes away.
 */

interface Pool {
  sockets: Socket[];
  connected: number;
  rounds: Map<string, number[]>;
  unstamped: number;
  gaps: number;
  disconnects: number;
  disconnectReasons: Record<string, number>;
}

const pools = new Map<string, Pool>();

function send(message: ChildMessage): void {
  process.send?.(message);
}

function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

function pool(name: string): Pool {
  let p = pools.get(name);
  if (!p) {
    p = {
      sockets: [],
      connected: 0,
      rounds: new Map(),
      unstamped: 0,
      gaps: 0,
      disconnects: 0,
      disconnectReasons: {},
    };
    pools.set(name, p);
  }
  return p;
}

interface Stamped {
  seq?: unknown;
  prevSeq?: unknown;
  [field: string]: unknown;
}

type Outcome = { kind: 'ok' } | { kind: 'refused' | 'failed'; error: string };

/** Opens one socket; resolves once the server admitted it (its ready event arrived) or gave up. */
function openSocket(p: Pool, name: string, command: ConnectCommand): Promise<Outcome> {
  const socket = io(command.url, {
    auth: command.auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: command.timeoutMs,
  });
  let lastSeq: number | undefined;
  let admitted = false;
  socket.on(command.event, (message: Stamped) => {
    const received = nowMs();
    const stamp = message[command.stampField];
    const seq = message.seq;
    if (typeof message.prevSeq === 'number' && lastSeq !== undefined && message.prevSeq > lastSeq) p.gaps++;
    if (typeof seq === 'number') lastSeq = Math.max(lastSeq ?? seq, seq);
    if (typeof stamp !== 'number' || (typeof seq !== 'number' && typeof seq !== 'string')) {
      p.unstamped++;
      return;
    }
    const key = String(seq);
    let samples = p.rounds.get(key);
    if (!samples) {
      samples = [];
      p.rounds.set(key, samples);
    }
    samples.push(received - stamp);
    if (samples.length === p.connected) send({ op: 'round', pool: name, key, received: samples.length });
  });
  return new Promise<Outcome>((resolve) => {
    const timer = setTimeout(
      () => finish({ kind: 'failed', error: `not admitted in ${command.timeoutMs} ms` }),
      command.timeoutMs,
    );
    const finish = (outcome: Outcome) => {
      clearTimeout(timer);
      if (outcome.kind !== 'ok') socket.disconnect();
      resolve(outcome);
    };
    socket.once(command.readyEvent, (message: Stamped) => {
      if (typeof message?.seq === 'number') lastSeq = message.seq;
      admitted = true;
      p.connected++;
      p.sockets.push(socket);
      finish({ kind: 'ok' });
    });
    socket.once('refused', (error: { code: string; message: string }) =>
      finish({ kind: 'refused', error: `${error.code}: ${error.message}` }),
    );
    socket.once('connect_error', (error: Error) => finish({ kind: 'failed', error: error.message }));
    socket.on('disconnect', (reason: string) => {
      if (!admitted) return;
      admitted = false;
      p.connected--;
      p.disconnects++;
      p.disconnectReasons[reason] = (p.disconnectReasons[reason] ?? 0) + 1;
    });
  });
}

async function connect(command: ConnectCommand): Promise<ConnectReply> {
  const p = pool(command.pool);
  const started = performance.now();
  const reply: ConnectReply = { connected: 0, failed: 0, refused: 0, ms: 0 };
  // Bounded: at most `total` sockets are tried, and none once the time is up.
  let attempts = 0;
  while (p.connected < command.total && attempts < command.total * 2) {
    if (performance.now() - started > command.timeoutMs) break;
    const n = Math.min(command.batch, command.total - p.connected);
    attempts += n;
    const outcomes = await Promise.all(Array.from({ length: n }, () => openSocket(p, command.pool, command)));
    for (const outcome of outcomes) {
      if (outcome.kind === 'ok') continue;
      if (outcome.kind === 'refused') reply.refused++;
      else reply.failed++;
      reply.firstError ??= outcome.error;
    }
    if (reply.failed + reply.refused > Math.max(10, command.total / 10)) break;
  }
  reply.connected = p.connected;
  reply.ms = performance.now() - started;
  return reply;
}

function collect(name: string): CollectReply {
  const p = pool(name);
  const reply: CollectReply = {
    rounds: Object.fromEntries(p.rounds),
    connected: p.connected,
    unstamped: p.unstamped,
    gaps: p.gaps,
    disconnects: p.disconnects,
    disconnectReasons: { ...p.disconnectReasons },
  };
  p.rounds = new Map();
  p.unstamped = 0;
  p.gaps = 0;
  return reply;
}

function closePool(name: string): void {
  const p = pools.get(name);
  if (!p) return;
  for (const socket of p.sockets) socket.disconnect();
  pools.delete(name);
}

async function http(command: HttpCommand): Promise<HttpReply> {
  const started = performance.now();
  const reply: HttpReply = { samples: [], sentAtMs: [], statuses: {}, errors: 0, ms: 0 };
  let next = 0;
  const worker = async () => {
    while (next < command.count && performance.now() - started < command.maxMs) {
      const request = command.requests[next++ % command.requests.length];
      const sentAtMs = nowMs();
      const t0 = performance.now();
      try {
        const response = await fetch(command.baseUrl + request.path, {
          headers: { authorization: `Bearer ${request.token}` },
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        reply.samples.push(performance.now() - t0);
        reply.sentAtMs.push(sentAtMs);
        reply.statuses[response.status] = (reply.statuses[response.status] ?? 0) + 1;
      } catch (error) {
        reply.errors++;
        reply.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  reply.ms = performance.now() - started;
  return reply;
}

async function handle(command: ParentCommand): Promise<void> {
  if (command.op === 'exit') {
    for (const name of [...pools.keys()]) closePool(name);
    setTimeout(() => process.exit(0), 200);
    return;
  }
  try {
    let value: unknown;
    switch (command.op) {
      case 'connect':
        value = await connect(command);
        break;
      case 'collect':
        value = collect(command.pool);
        break;
      case 'close':
        closePool(command.pool);
        break;
      case 'http':
        value = await http(command);
        break;
    }
    send({ op: 'reply', id: command.id, ok: true, value });
  } catch (error) {
    send({ op: 'reply', id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

process.on('message', (command: ParentCommand) => void handle(command));
// The parent went away (it finished, timed out or crashed): do not linger with open sockets.
process.on('disconnect', () => process.exit(0));
send({ op: 'reply', id: 0, ok: true, value: 'ready' });
