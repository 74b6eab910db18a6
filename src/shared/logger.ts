import pino, { type Logger } from 'pino';

/**
 * Paths that may carry secrets or personal data. They are removed before a log
 * line is written, wherever they appear in request logs or domain log calls.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-pishkhan-signature"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.token',
  '*.secret',
  '*.signingSecret',
  '*.password',
  '*.nationalId',
  '*.phone',
  '*.mobile',
  '*.email',
  '*.contact',
  '*.description',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, remove: true } }, destination);
}

export type { Logger };
