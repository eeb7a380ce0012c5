import type { z } from 'zod';

/** The dotted paths of every issue a schema reports for `input` (empty when it parses). */
export function errorPaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

/** The message of the issue at `path`. */
export function errorAt(schema: z.ZodType, input: unknown, path: string): string | undefined {
  const result = schema.safeParse(input);
  return result.success ? undefined : result.error.issues.find((i) => i.path.join('.') === path)?.message;
}
