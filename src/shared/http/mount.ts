import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { RouteContract } from '../../../contracts/route';
import type { DirectLane } from './lane';
import { authorize, type Principal } from './policy';
import { parseOrThrow } from './validate';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Set on every route whose action is not `public`. */
  principal: Principal;
  /** A request header by its lower-case name. */
  header: (name: string) => string | undefined;
  /** Whether the request came over TLS (directly, or as a trusted proxy says); express routes only. */
  secure?: boolean;
}

/** What a handler answers; `raw` sends a string or buffer with `contentType` as is. */
export interface Reply {
  status: number;
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export const expressPath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');

/**
 * Mounts one contract on express, and on the direct lane when one is given: checks the policy
 * action, parses params, query and body with the contract's schemas (unknown fields rejected
 * by the schemas), runs the handler, sends its reply.
 * Writes answer their JSON without `res.json`: an ETag (a SHA-1 of the body) only serves
 * conditional GETs, and computing it was a measurable part of every payment.
 */
export function mount<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  router: Router,
  contract: RouteContract<P, Q, B>,
  handler: (input: RouteInput<Infer<P>, Infer<Q>, Infer<B>>) => Promise<Reply>,
  lane?: DirectLane,
): void {
  if (lane) lane.add(contract, handler as Parameters<DirectLane['add']>[1]);
  router[contract.method](expressPath(contract.path), async (req: Request, res: Response) => {
    const principal =
      contract.action === 'public' ? req.principal : authorize(req.principal, contract.action);
    const params = (
      contract.params ? parseOrThrow(contract.params, req.params, 'path') : undefined
    ) as Infer<P>;
    const query = (
      contract.query ? parseOrThrow(contract.query, req.query, 'query') : undefined
    ) as Infer<Q>;
    const body = (
      contract.body ? parseOrThrow(contract.body, req.body ?? {}, 'body') : undefined
    ) as Infer<B>;
    const reply = await handler({
      params,
      query,
      body,
      principal: principal as Principal,
      header: (name) => req.header(name),
      secure: req.secure,
    });
    if (reply.headers) res.set(reply.headers);
    res.status(reply.status);
    if (reply.raw !== undefined) {
      res.type(reply.contentType ?? 'application/octet-stream').send(reply.raw);
    } else if (reply.body !== undefined && req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .type(reply.contentType ?? 'application/json; charset=utf-8')
        .end(JSON.stringify(reply.body));
    } else if (reply.body !== undefined) {
      if (reply.contentType) res.type(reply.contentType);
      res.json(reply.body);
    } else {
      res.end();
    }
  });
}
