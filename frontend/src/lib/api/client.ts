/**
 * The one HTTP client of the app: openapi-fetch typed by the generated `schema.d.ts`.
 * It adds the bearer token, and when the API answers 401 to a request made with a token it ends the
 * session and hands over to the handler the app registers (which sends the user to the login page).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { clearSession, getToken } from '@/lib/auth/session';
import { getActiveLanguage } from '@/lib/i18n';
import type { paths } from './schema';

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** The app registers here what to do when the API no longer accepts the session. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null) {
  onUnauthorized = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    // The API's messages (field errors, problems) in the language the interface shows.
    if (!request.headers.has('Accept-Language')) request.headers.set('Accept-Language', getActiveLanguage());
    return request;
  },
  onResponse({ request, response }) {
    // A 401 to a request that carried a token means the session is over (expired, revoked,
    // account deactivated). A 401 without a token is the login form's wrong password: not ours.
    if (response.status === 401 && request.headers.has('Authorization')) {
      clearSession('expired');
      onUnauthorized?.();
    }
    return response;
  },
};

export const api = createClient<paths>({
  // Same origin: in development Vite proxies /api, in production nginx or the API itself serves the app.
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  // Looked up on every call, so that tests can replace fetch at the network boundary.
  fetch: (input: Request) => globalThis.fetch(input),
});
api.use(auth);
