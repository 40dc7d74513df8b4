import type { UseMutationResult } from '@tanstack/react-query';
import { useRef, type RefObject } from 'react';
import { ApiError, fieldErrors } from '@/lib/api';
import { focusFirstInvalid } from './FormError';

export interface FormMutationOptions {
  /** Plain-language texts for problem codes this form knows (`already_exists`, …), for its error summary. */
  messages?: Partial<Record<string, string>>;
  /**
   * Problem codes that are about one field, by code: the field's JSON path. The code's text (from
   * `messages`) then stands beside that field too (a taken email at `email`).
   */
  codeFields?: Partial<Record<string, string>>;
  /**
   * Which failures the form shows (its summary, the fields' messages, focus on the first refused
   * field). Any other goes to `submit`'s `onError`, for the page to report. Default: every failure.
   */
  keeps?: (error: unknown) => boolean;
  /**
   * Call `submit`'s callbacks even when the form has gone meanwhile (when its own success removes it,
   * say). By default they are not called then: a page left meanwhile must not act on the answer.
   */
  evenIfGone?: boolean;
}

export interface SubmitCallbacks<TData> {
  onSuccess?: (data: TData) => void;
  /** A failure the form does not keep (see `keeps`). */
  onError?: (error: unknown) => void;
}

/** A mutation bound to a form: what the form shows of its last attempt, and how to send it. */
export interface FormMutation<TData, TVariables> {
  /** For the `<form>`: where focus looks for the first refused field. */
  formRef: RefObject<HTMLFormElement | null>;
  /** The failure the form shows, or null. */
  error: unknown;
  /** The API's message per field (JSON path), the codes of `codeFields` included. */
  errors: Record<string, string>;
  messages: Partial<Record<string, string>> | undefined;
  pending: boolean;
  /** The last attempt succeeded. */
  succeeded: boolean;
  /** Sends the form; nothing while an attempt is under way. A kept failure moves focus to the first refused field. */
  submit: (variables: TVariables, callbacks?: SubmitCallbacks<TData>) => void;
}

/**
 * A form's side of a TanStack mutation (the endpoint's own hook, which also refreshes what the change
 * affects): the API's problem+json turned into the messages beside the fields and the summary, focus
 * on the first field refused, and no second submission while one is under way.
 */
export function useFormMutation<TData, TVariables, TContext>(
  mutation: UseMutationResult<TData, Error, TVariables, TContext>,
  { messages, codeFields, keeps = () => true, evenIfGone = false }: FormMutationOptions = {},
): FormMutation<TData, TVariables> {
  const formRef = useRef<HTMLFormElement>(null);
  const error = mutation.error && keeps(mutation.error) ? mutation.error : null;
  const errors = fieldErrors(error);
  const field = error instanceof ApiError && error.code ? codeFields?.[error.code] : undefined;
  const text = error instanceof ApiError && error.code ? messages?.[error.code] : undefined;
  if (field && text) errors[field] = text;

  function submit(variables: TVariables, { onSuccess, onError }: SubmitCallbacks<TData> = {}) {
    if (mutation.isPending) return;
    const failed = (failure: unknown) => {
      if (keeps(failure)) focusFirstInvalid(formRef.current);
      else onError?.(failure);
    };
    if (evenIfGone) mutation.mutateAsync(variables).then((data) => onSuccess?.(data), failed);
    else mutation.mutate(variables, { onSuccess: (data) => onSuccess?.(data), onError: failed });
  }

  return {
    formRef,
    error,
    errors,
    messages,
    pending: mutation.isPending,
    succeeded: mutation.isSuccess,
    submit,
  };
}
