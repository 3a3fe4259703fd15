import { z } from 'zod';
import { LlmError } from './types';

/** The JSON schema of a zod schema, in the form `response_format: json_schema` expects. */
export function responseSchemaOf(name: string, schema: z.ZodType): { name: string; schema: Record<string, unknown> } {
  const json = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  delete json.$schema;
  return { name, schema: json };
}

/** Parses a model's JSON answer (tolerating a Markdown code fence) and validates it with zod. */
export function parseStructured<T>(content: string, schema: z.ZodType<T>): T {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(content);
  const raw = (fenced?.[1] ?? content).trim();
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  let value: unknown;
  try {
    value = JSON.parse(start >= 0 && end > start ? raw.slice(start, end + 1) : raw);
  } catch {
    throw new LlmError('invalid_output', 'The model did not answer with JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new LlmError('invalid_output', `The model's JSON did not match the schema (${parsed.error.issues.length} issues)`);
  return parsed.data;
}

/**
 * The values of every complete `"text": "…"` string in a partial JSON document: lets a streamed
 * structured answer be shown sentence by sentence before the JSON is finished.
 */
export function completedTextFields(partial: string): string[] {
  const out: string[] = [];
  for (const m of partial.matchAll(/"text"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    try {
      out.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
    } catch {
      // An escape cut off mid-stream: the next delta completes it.
    }
  }
  return out;
}
