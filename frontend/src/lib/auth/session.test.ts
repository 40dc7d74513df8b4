import { describe, expect, it, vi } from 'vitest';
import { clearSession, getEndReason, getSession, getToken, resetSessionForTests, setSession, subscribeSession } from './session';

describe('session', () => {
  it('keeps the token in memory and in sessionStorage', () => {
    setSession('abc', 60);
    expect(getToken()).toBe('abc');
    expect(JSON.parse(sessionStorage.getItem('sesam.session') ?? '{}').token).toBe('abc');
  });

  it('survives a reload through sessionStorage', () => {
    setSession('abc', 60);
    const stored = sessionStorage.getItem('sesam.session');
    resetSessionForTests();
    sessionStorage.setItem('sesam.session', stored ?? '');
    expect(getToken()).toBe('abc');
  });

  it('forgets an expired token', () => {
    setSession('old', 10, Date.now() - 11_000);
    expect(getSession()).toBeNull();
    expect(sessionStorage.getItem('sesam.session')).toBeNull();
  });

  it('drops a damaged stored entry', () => {
    sessionStorage.setItem('sesam.session', '{not json');
    expect(getToken()).toBeNull();
    expect(sessionStorage.getItem('sesam.session')).toBeNull();
  });

  it('tells subscribers when it starts and ends', () => {
    const listener = vi.fn();
    subscribeSession(listener);
    setSession('abc', 60);
    clearSession();
    clearSession(); // nothing to end: no second notice
    expect(listener).toHaveBeenCalledTimes(2);
    expect(getToken()).toBeNull();
  });
});

describe('why a session ended', () => {
  it('is "expired" when the token ran out or was refused, and nothing on logout', () => {
    setSession('a', 10, Date.now() - 11_000);
    getSession();
    expect(getEndReason()).toBe('expired');
    setSession('b', 60);
    expect(getEndReason()).toBeNull();
    clearSession('expired');
    expect(getEndReason()).toBe('expired');
    setSession('c', 60);
    clearSession();
    expect(getEndReason()).toBeNull();
  });
});
