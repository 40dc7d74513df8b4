import { describe, expect, it, vi } from 'vitest';
import { getToken, setSession } from '@/lib/auth/session';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { api, setUnauthorizedHandler } from './client';
import { ApiError, fieldErrors, unwrap } from './problem';

describe('api client', () => {
  it('sends the bearer token when there is a session', async () => {
    const { calls } = mockFetch({ 'GET /api/v1/me': () => json(200, { id: '1' }) });
    setSession('tok', 60);
    await api.GET('/api/v1/me');
    expect(calls[0]?.headers.get('Authorization')).toBe('Bearer tok');
  });

  it('sends no Authorization header without a session', async () => {
    const { calls } = mockFetch({ 'GET /api/v1/systems': () => json(200, { items: [], next_cursor: null }) });
    await api.GET('/api/v1/systems');
    expect(calls[0]?.headers.has('Authorization')).toBe(false);
  });

  it('ends the session and calls the handler when the API answers 401 to a token', async () => {
    mockFetch({ 'GET /api/v1/me': () => problem(401, 'Unauthorized', 'token expired') });
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    setSession('tok', 60);
    const result = await api.GET('/api/v1/me');
    expect(result.response.status).toBe(401);
    expect(getToken()).toBeNull();
    expect(handler).toHaveBeenCalledOnce();
    setUnauthorizedHandler(null);
  });

  it('leaves a failed login (401 without a token) to the login form', async () => {
    mockFetch({ 'POST /api/v1/auth/login': () => problem(401, 'Unauthorized', 'Fel e-post eller lösenord') });
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    const result = await api.POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } });
    expect(handler).not.toHaveBeenCalled();
    expect(() => unwrap(result)).toThrow(ApiError);
    setUnauthorizedHandler(null);
  });

  it('turns a problem document into an ApiError with field messages', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        problem(422, 'Unprocessable Entity', 'invalid request', {
          errors: [
            { field: 'email', code: 'required', message: 'E-post saknas' },
            { field: 'email', code: 'invalid_format', message: 'second' },
          ],
        }),
    });
    const result = await api.POST('/api/v1/auth/login', { body: { email: '', password: '' } });
    let error: unknown;
    try {
      unwrap(result);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toBe('invalid request');
    expect(fieldErrors(error)).toEqual({ email: 'E-post saknas' });
  });
});
