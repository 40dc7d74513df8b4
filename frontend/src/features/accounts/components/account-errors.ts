import { ApiError, fieldErrors } from '@/lib/api';

/** The API's field errors, with a taken email (409 `already_exists`) shown beside the email field. */
export function accountErrors(error: unknown, emailTaken: string): Record<string, string> {
  const errors = fieldErrors(error);
  if (error instanceof ApiError && error.code === 'already_exists') errors['email'] = emailTaken;
  return errors;
}
