/**
 * Errors from the API are RFC 9457 problem documents (`application/problem+json`).
 * `ApiError` carries one through TanStack Query; `fieldErrors` turns its `errors` array into a
 * map from field path (`email`, `subject.email`, `unit_ids`) to the API's message for that field.
 */
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldProblem'];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: unknown) {
    const p = isProblem(problem) ? problem : null;
    super(p?.detail ?? p?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = p;
  }

  /** The stable machine-readable code (`invalid_transition`, …), when the API gave one. */
  get code(): string | null {
    return this.problem?.code ?? null;
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { title?: unknown }).title === 'string' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}

/** The API's message per field, the first one when a field has several. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.problem?.errors ?? []) {
    if (!(e.field in out)) out[e.field] = e.message;
  }
  return out;
}

/**
 * The message for a field or anything inside it: `allowed_values.profession` also finds the error
 * of `allowed_values.profession[2]`.
 */
export function fieldErrorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const key = Object.keys(errors).find((field) => field.startsWith(`${path}.`) || field.startsWith(`${path}[`));
  return key ? errors[key] : undefined;
}

/**
 * Unwraps an openapi-fetch result: the data on success, otherwise throws an `ApiError`
 * so that TanStack Query sees a failure.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, result.error);
  }
  return result.data as T;
}
