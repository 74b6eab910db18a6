import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * An in-process TCP proxy for fault injection: listens on 127.0.0.1:<ephemeral> and forwards
 * every connection to the target. Controls:
 * - `latency(ms)`: every chunk, both ways, is forwarded `ms` later (order kept); 0 removes it;
 * - `cut(mode)`: closes every connection and refuses new ones until `restore()`: `unlisten`
 *   stops listening (clients get ECONNREFUSED), `refuse` accepts and resets each one at once
 *   (clients get ECONNRESET) and counts them, so a test can await a connection attempt;
 * - `reset()`: destroys every open connection with a TCP RST (both sides); new ones are accepted;
 * - `loseReply(marker, after?)`: the next reply from the target holding `marker` (e.g. the
 *   `COMMIT` command tag) is dropped and its connection reset: the work was done, the answer
 *   lost. With `after`, only a reply on a connection that sent `after` since its last reply
 *   holding `marker` (a transaction that wrote to a `payment-` stream, say);
 * - `stall()`: every open connection silently stops carrying data in both directions, with
 *   no FIN and no RST, as when the network drops a flow; new connections are unaffected;
 * - `restore()`: listens again on the same port, with no latency.
 */
export interface TcpProxy {
  readonly port: number;
  /** The target's URL with host and port replaced by the proxy's. */
  url(targetUrl: string): string;
  latency(ms: number): void;
  cut(mode?: 'unlisten' | 'refuse'): Promise<void>;
  reset(): void;
  /** Resolves once a reply holding `marker` has been dropped and its connection reset. */
  loseReply(marker: string, after?: string): Promise<void>;
  stall(): void;
  restore(): Promise<void>;
  /** Connections currently open through the proxy. */
  readonly open: number;
  /** Connections accepted since start. */
  readonly accepted: number;
  /** Connections refused (reset on arrival) during `refuse` cuts since start. */
  readonly refused: number;
  /** Resolves once `refused` reaches `count`. */
  refusedAtLeast(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let delayMs = 0;
  let accepted = 0;
  let refused = 0;
  let refusing = false;
  let listening = false;
  let refusedWaiters: Array<{ count: number; resolve: () => void }> = [];
  interface Losing {
    marker: Buffer;
    after?: Buffer;
    resolve: () => void;
  }
  let losing: Losing[] = [];
  /** Sockets of stalled connections: what they send is dropped. */
  const stalled = new WeakSet<Socket>();

  /** Forwards chunks from `from` to `to`, each `delayMs` later than it arrived, in arrival order. */
  function pipeWithLatency(from: Socket, to: Socket, lose?: (chunk: Buffer) => boolean): void {
    let tail = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      if (stalled.has(from)) return;
      if (lose?.(chunk)) {
        from.resetAndDestroy();
        to.resetAndDestroy();
        return;
      }
      const delay = delayMs;
      if (delay === 0) {
        tail = tail.then(() => {
          if (!to.destroyed) to.write(chunk);
        });
        return;
      }
      const due = new Promise<void>((resolve) => setTimeout(resolve, delay));
      tail = tail
        .then(() => due)
        .then(() => {
          if (!to.destroyed) to.write(chunk);
        });
    });
    from.on('end', () => {
      void tail.then(() => to.end());
    });
  }

  function onConnection(client: Socket): void {
    if (refusing) {
      refused++;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      const ready = refusedWaiters.filter((w) => refused >= w.count);
      refusedWaiters = refusedWaiters.filter((w) => refused < w.count);
      for (const w of ready) w.resolve();
      return;
    }
    accepted++;
    const upstream = createConnection({ host: target.host, port: target.port });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    /** Losses whose `after` this connection has sent since its last reply holding their marker. */
    const armed = new Set<Losing>();
    pipeWithLatency(client, upstream, (chunk) => {
      for (const l of losing) if (l.after && chunk.includes(l.after)) armed.add(l);
      return false;
    });
    pipeWithLatency(upstream, client, (chunk) => {
      const hit = losing.find((l) => chunk.includes(l.marker) && (!l.after || armed.has(l)));
      for (const l of losing) if (chunk.includes(l.marker)) armed.delete(l);
      if (!hit) return false;
      losing = losing.filter((l) => l !== hit);
      queueMicrotask(hit.resolve);
      return true;
    });
  }

  const server: Server = createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  listening = true;
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
  const port = address.port;

  function destroyAll(how: 'close' | 'reset'): void {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      for (const s of pair) {
        if (s.destroyed) continue;
        if (how === 'reset') s.resetAndDestroy();
        else s.destroy();
      }
    }
  }

  async function stopListening(): Promise<void> {
    if (!listening) return;
    listening = false;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  return {
    port,
    url(targetUrl) {
      const u = new URL(targetUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    latency(ms) {
      delayMs = ms;
    },
    async cut(mode = 'unlisten') {
      if (mode === 'refuse') refusing = true;
      const stopped = mode === 'unlisten' ? stopListening() : Promise.resolve();
      destroyAll('close');
      await stopped;
    },
    reset() {
      destroyAll('reset');
    },
    stall() {
      for (const pair of pairs) for (const socket of pair) stalled.add(socket);
    },
    loseReply(marker, after) {
      return new Promise<void>((resolve) =>
        losing.push({
          marker: Buffer.from(marker, 'utf8'),
          ...(after === undefined ? {} : { after: Buffer.from(after, 'utf8') }),
          resolve,
        }),
      );
    },
    async restore() {
      delayMs = 0;
      refusing = false;
      if (listening) return;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      listening = true;
    },
    get open() {
      return pairs.size;
    },
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    refusedAtLeast(count) {
      if (refused >= count) return Promise.resolve();
      return new Promise<void>((resolve) => refusedWaiters.push({ count, resolve }));
    },
    async close() {
      const stopped = stopListening();
      destroyAll('close');
      await stopped;
    },
  };
}
