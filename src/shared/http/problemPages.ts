import type { RequestHandler } from 'express';
import { problemKinds, type ProblemKind } from '../../../contracts/problems';
import { problem, sendProblem } from './problem';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/`([^`]+)`/g, '<code>$1</code>');

const section = (code: string, k: ProblemKind) => `<section id="${code}">
<h2 lang="en" dir="ltr">${k.status} ${escape(k.title)} <code>${code}</code></h2>
<p lang="en" dir="ltr">${escape(k.about)}</p>
<h2 lang="fa" dir="rtl">${escape(k.titleFa)}</h2>
<p lang="fa" dir="rtl">${escape(k.aboutFa)}</p>
</section>`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>${body}</body></html>`;

/**
 * The pages a problem's `type` URI (`/problems/<code>`) resolves to: what the problem means
 * and what to do, in Persian and English, one page per code and an index at `/problems`.
 */
export const problemPages: RequestHandler = (req, res) => {
  const code = req.params.code as string | undefined;
  const kinds = problemKinds as Record<string, ProblemKind>;
  if (code === undefined) {
    const items = Object.entries(kinds)
      .map(
        ([c, k]) =>
          `<li><a href="/problems/${c}">${k.status} ${c}</a>: ${escape(k.titleFa)} / ${escape(k.title)}</li>`,
      )
      .join('');
    return res
      .type('html')
      .send(page('Problems · خطاها', `<h1>Problems · خطاها</h1><ul dir="ltr">${items}</ul>`));
  }
  const kind = Object.hasOwn(kinds, code) ? kinds[code] : undefined;
  if (!kind) return sendProblem(res, problem('not-found', `No problem type ${code}`));
  res.type('html').send(page(`${code} · ${kind.titleFa}`, section(code, kind)));
};
