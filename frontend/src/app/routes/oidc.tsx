import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Loading, Page } from '@/components';
import { useExchangeOidcCode } from '@/features/auth/api/oidc';
import { useT } from '@/lib/i18n';
import { paths } from '../paths';

/** `/e-legitimation?code=…`: where the identity provider's round trip ends; the code becomes a session. */
export function OidcCallbackRoute() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const exchange = useExchangeOidcCode();
  // The code works once: exchange it once, also when React runs the effect twice.
  const started = useRef(false);
  useEffect(() => {
    if (!code || started.current) return;
    started.current = true;
    exchange.mutate(code, { onSuccess: () => void navigate(paths.home, { replace: true }) });
  }, [code, exchange, navigate]);

  return (
    <Page title={t('oidc.callbackTitle')}>
      {!code || exchange.isError ? (
        <Alert tone="error">{t('oidc.callbackFailed')}</Alert>
      ) : (
        <Loading />
      )}
      <p>
        <Link to={paths.login}>{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}
