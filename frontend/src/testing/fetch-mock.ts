/**
 * A fake network for tests: replaces `fetch` (the boundary the app talks through) with a table of
 * handlers keyed by "METHOD /path". Everything above fetch — the openapi-fetch client, its middleware,
 * TanStack Query, the components — runs for real.
 */
import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: 'about:blank', title, status, detail, ...extra }, 'application/problem+json');
}

export function mockFetch(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const call: Call = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    const handler = routes[`${call.method} ${call.path}`];
    if (!handler) return problem(404, 'Not Found', `no mock for ${call.method} ${call.path}`);
    return handler(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
