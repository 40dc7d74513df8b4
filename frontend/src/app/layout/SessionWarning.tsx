/**
 * WCAG 2.2.1: five minutes before the session runs out, a dialog says so and offers
 * `Fortsätt vara inloggad` (`POST /api/v1/auth/refresh`: a fresh token, answered like login's). When
 * the time is up the session ends and the login page says why; an order being written is kept in
 * sessionStorage and filled in again after the next sign-in. A chunk of its own, loaded only with a session.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button } from '@/components';
import { api, unwrap } from '@/lib/api';
import { clearSession, setSession, useSession } from '@/lib/auth/session';
import { useT } from '@/lib/i18n';

/** How long before the end the warning shows. */
export const WARN_BEFORE_MS = 5 * 60 * 1000;

export async function refreshSession() {
  const answer = unwrap(await api.POST('/api/v1/auth/refresh'));
  setSession(answer.access_token, answer.expires_in);
  return answer;
}

export function SessionWarning() {
  const t = useT();
  const session = useSession();
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [extended, setExtended] = useState<number | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const expiresAt = session?.expiresAt ?? 0;
  const left = expiresAt - now;
  const warn = session !== null && left <= WARN_BEFORE_MS;

  // Tick every few seconds near the end, else wake up when the warning is due.
  useEffect(() => {
    if (!session) return;
    const wait = warn ? 5000 : Math.max(1000, left - WARN_BEFORE_MS);
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(wait, 2_147_000_000));
    return () => window.clearTimeout(timer);
  }, [session, warn, left]);

  useEffect(() => {
    if (session && left <= 0) clearSession('expired');
  }, [session, left]);

  // Focus the button when the warning appears, so that one key press keeps the session.
  useEffect(() => {
    if (warn) requestAnimationFrame(() => button.current?.focus());
  }, [warn]);

  if (extended !== null && !warn) {
    return (
      <div className="session-warning container">
        <Alert tone="success">
          <p>{t('session.extended', { hours: Math.round(extended / 3600) })}</p>
        </Alert>
      </div>
    );
  }
  if (!warn) return null;
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return (
    <div className="session-warning container" role="alertdialog" aria-labelledby="session-warning-title" aria-describedby="session-warning-body">
      <div className="alert alert--warning">
        <p className="alert__title" id="session-warning-title">
          {t('session.warningTitle')}
        </p>
        <p id="session-warning-body">{t('session.warningBody', { minutes })}</p>
        {error != null && <p className="field__error">{t('error.network')}</p>}
        <Button
          ref={button}
          busy={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              const answer = await refreshSession();
              setExtended(answer.expires_in);
              setNow(Date.now());
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('session.stay')}
        </Button>
      </div>
    </div>
  );
}
