/**
 * The session: the bearer token from `POST /api/v1/auth/login`, kept in memory and mirrored to
 * sessionStorage so that a reload keeps the user logged in within the tab (and closing the tab ends it).
 * Nothing else about the user is stored: who they are comes from `GET /api/v1/me`.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'sesam.session';

export interface Session {
  token: string;
  /** Milliseconds since the epoch after which the token is no longer valid. */
  expiresAt: number;
}

/**
 * Why the last session ended: `expired` when the API refused the token or it ran out (the login page
 * says so); `logout` when the user logged out (the next login starts afresh, not on their last page).
 */
export type EndReason = 'expired' | 'logout';

let current: Session | null = null;
let loaded = false;
let endReason: EndReason | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled: keep the session in memory only
  }
}

function load(): Session | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number') {
      return { token: parsed.token, expiresAt: parsed.expiresAt };
    }
  } catch {
    // fall through: a damaged entry is dropped
  }
  storage()?.removeItem(STORAGE_KEY);
  return null;
}

function emit() {
  for (const listener of listeners) listener();
}

/** The current session, or null when there is none or it has expired. */
export function getSession(): Session | null {
  if (!loaded) {
    current = load();
    loaded = true;
  }
  if (current && current.expiresAt <= Date.now()) {
    clearSession('expired');
  }
  return current;
}

export function getToken(): string | null {
  return getSession()?.token ?? null;
}

export function setSession(token: string, expiresInSeconds: number, now: number = Date.now()) {
  current = { token, expiresAt: now + expiresInSeconds * 1000 };
  loaded = true;
  endReason = null;
  storage()?.setItem(STORAGE_KEY, JSON.stringify(current));
  emit();
}

/** Ends the session; `reason` says why (see EndReason). */
export function clearSession(reason: EndReason | null = null) {
  const had = current !== null;
  current = null;
  if (had) endReason = reason;
  loaded = true;
  storage()?.removeItem(STORAGE_KEY);
  if (had) emit();
}

/** Why the last session ended: `expired` when the API refused the token or it ran out. */
export function getEndReason(): EndReason | null {
  return endReason;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders when the user logs in or out (or the API ends the session with a 401). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, () => null);
}

/** For tests: forget everything, including what was read from storage. */
export function resetSessionForTests() {
  current = null;
  loaded = false;
  endReason = null;
  storage()?.removeItem(STORAGE_KEY);
  listeners.clear();
}
