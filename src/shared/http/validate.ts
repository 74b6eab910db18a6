import type { z } from 'zod';
import { ValidationError, type FieldProblem } from '../errors';

/** Turns zod issues into one problem per field; an unknown field is named by its own path. */
export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: base ? `${base}.${key}` : key,
        message: 'unknown field',
      }));
    }
    return [{ path: base || '(body)', message: issue.message }];
  });
}

/** Parses untrusted input at the edge; anything off becomes a 400 listing each problem. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what = 'body',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = toFieldProblems(result.error);
  throw new ValidationError(`The ${what} has ${problems.length} problem(s)`, problems);
}
