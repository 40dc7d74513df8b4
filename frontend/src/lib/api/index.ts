export { api, setUnauthorizedHandler } from './client';
export { ApiError, fieldErrorAt, fieldErrors, unwrap } from './problem';
export type { Problem, FieldError } from './problem';
export type { components, paths } from './schema';
export { collectPages } from './pagination';
export type { PageOf } from './pagination';
