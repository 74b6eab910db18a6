import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';

/** A stand-in's request body as JSON (empty is `{}`); rejects on malformed JSON. */
export function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        ok(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', fail);
  });
}

export const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
};

/** The port a stand-in listens on: the one it was given, or the one the system chose for 0. */
export function listeningPort(server: Server, asked: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : asked;
}
