import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { RouteContract } from '../../../contracts/route';
import type { Logger } from '../logger';
import { signatureHeaders, type Authenticator } from './auth';
import type { Served } from './edge';
import type { Reply, RouteInput } from './mount';
import { authorize, type Principal } from './policy';
import { answerError, writeProblem, type StoreErrorCounter } from './problem';
import type { AddressBudget, CredentialBudget } from './rateLimit';
import { parseOrThrow } from './validate';

type Handler = (input: RouteInput<undefined, undefined, unknown>) => Promise<Reply>;

export interface DirectLaneDeps {
  open(req: IncomingMessage, res: ServerResponse, path: string, served: () => Served): string;
  authenticate: Authenticator;
  overBudget: CredentialBudget;
  /** Per-address budgets of public routes, by contract path (the same ones express applies). */
  publicBudgets?: ReadonlyMap<string, AddressBudget>;
  logger: Logger;
  storeErrors?: StoreErrorCounter;
  /** BODY_LIMIT in bytes; a larger body is left to express, which refuses it. */
  bodyLimit: number;
}

/** `1mb`, `512kb`: the BODY_LIMIT forms, in bytes as the body parser counts them. */
export function bodyLimitBytes(limit: string): number {
  const match = /^(\d+)(kb|mb)$/i.exec(limit);
  if (!match) throw new Error(`Not a body limit: ${limit}`);
  return Number(match[1]) * (match[2]!.toLowerCase() === 'mb' ? 1024 * 1024 : 1024);
}

const plainJson = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;
const jsonWhitespace = /^[ \t\n\r]*/;
/** What body-parser raises for a body that is not JSON; problemOf maps it. */
const notJson = () => Object.assign(new SyntaxError('Not JSON'), { type: 'entity.parse.failed' });

/**
 * The direct lane (مسیر مستقیم): a few bodyful POST routes that machines call thousands of
 * times a second, served on node's own request and response objects instead of through
 * express. On this project's machines express's entry alone (the prototype swap of request
 * and response, the router, the body parser) cost about 90 µs a request, more than all of
 * a payment's own work; the lane skips it and keeps everything else: the same edge (id,
 * headers, timeout, access line), authenticator, credential budget, policy, contract
 * schema, handler and problem mapping as express. It takes only the plain case: exact
 * path, `application/json` in UTF-8, no content coding, a declared length within the limit.
 * Every other request, these routes' odd ones included, goes to express, where the same
 * contract is mounted too.
 */
export function directLane(deps: DirectLaneDeps) {
  const routes = new Map<string, { contract: RouteContract; handler: Handler }>();

  function takes(req: IncomingMessage) {
    const route = routes.get(`${req.method} ${req.url}`);
    if (!route) return undefined;
    const type = req.headers['content-type'];
    const coding = req.headers['content-encoding'];
    const length = req.headers['content-length'];
    if (type === undefined || !plainJson.test(type)) return undefined;
    if (coding !== undefined && coding.toLowerCase() !== 'identity') return undefined;
    if (length === undefined || !/^\d{1,9}$/.test(length) || Number(length) > deps.bodyLimit)
      return undefined;
    return route;
  }

  /** What body-parser's strict JSON parser gives: {} for an empty body, else an object or array. */
  function parseJson(raw: Buffer): unknown {
    let text = raw.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length === 0) return {};
    const first = text.charAt(jsonWhitespace.exec(text)![0].length);
    if (first !== '{' && first !== '[') throw notJson();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw notJson();
    }
  }

  function serve(
    req: IncomingMessage,
    res: ServerResponse,
    { contract, handler }: { contract: RouteContract; handler: Handler },
  ): void {
    let principal: Principal | undefined;
    const url = req.url!;
    const requestId = deps.open(req, res, url, () => ({
      route: contract.path,
      ...(principal ? { principal } : {}),
    }));
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const fail = (error: unknown) =>
      answerError(res, error, deps.logger, url, requestId, deps.storeErrors);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      const rawBody = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      void (async () => {
        const json = parseJson(rawBody);
        const overPublic =
          contract.action === 'public'
            ? await deps.publicBudgets?.get(contract.path)?.(req)
            : undefined;
        if (overPublic) {
          res.setHeader('Retry-After', overPublic.retryAfter);
          return writeProblem(res, overPublic.problem, url, requestId);
        }
        principal = await deps.authenticate({
          authorization: header('authorization'),
          timestamp: header(signatureHeaders.timestamp),
          signature: header(signatureHeaders.signature),
          method: 'POST',
          url,
          rawBody,
          cookie: header('cookie'),
          csrfToken: header('x-csrf-token'),
        });
        const refusal = await deps.overBudget(principal);
        if (refusal) {
          res.setHeader('Retry-After', refusal.retryAfter);
          return writeProblem(res, refusal.problem, url, requestId);
        }
        const allowed =
          contract.action === 'public' ? principal : authorize(principal, contract.action);
        const body: unknown = contract.body ? parseOrThrow(contract.body, json, 'body') : undefined;
        const reply = await handler({
          params: undefined,
          query: undefined,
          body,
          principal: allowed as Principal,
          header,
        });
        send(res, reply);
      })().catch(fail);
    });
  }

  return {
    /** Serves `contract` on the lane as well; only bodyful POSTs on a fixed path qualify. */
    add<B extends z.ZodType>(
      contract: RouteContract<z.ZodType, z.ZodType, B>,
      handler: (input: RouteInput<undefined, undefined, z.infer<B>>) => Promise<Reply>,
    ): void {
      if (
        contract.method !== 'post' ||
        contract.params ||
        contract.query ||
        /[{:]/.test(contract.path)
      )
        throw new Error(`${contract.operationId} cannot be served on the direct lane`);
      routes.set(`POST ${contract.path}`, { contract, handler: handler as Handler });
    },
    /** The server's request listener: the lane's plain requests here, everything else to `rest`. */
    listener(rest: RequestListener): RequestListener {
      return (req, res) => {
        const route = takes(req);
        if (route) serve(req, res, route);
        else rest(req, res);
      };
    },
  };
}

export type DirectLane = ReturnType<typeof directLane>;

function send(res: ServerResponse, reply: Reply): void {
  if (reply.headers)
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
  res.statusCode = reply.status;
  if (reply.raw !== undefined) {
    res.setHeader('Content-Type', reply.contentType ?? 'application/octet-stream');
    res.end(reply.raw);
  } else if (reply.body !== undefined) {
    // Encoded once: a string would be measured for Content-Length, then encoded again to be sent.
    const json = Buffer.from(JSON.stringify(reply.body), 'utf8');
    res.setHeader('Content-Type', reply.contentType ?? 'application/json; charset=utf-8');
    res.setHeader('Content-Length', json.length);
    res.end(json);
  } else {
    res.end();
  }
}
