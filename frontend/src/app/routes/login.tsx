import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Alert, Page } from '@/components';
import { LoginForm } from '@/features/auth';
import { OIDC_LOGIN_URL, useSignInMethods } from '@/features/auth/api/oidc';
import { getEndReason, useSession } from '@/lib/auth/session';
import { useT, type MessageKey } from '@/lib/i18n';
import { paths } from '../paths';

/** The reasons the API gives, in `?error=`, for a sign-in at the identity provider that failed. */
const OIDC_ERRORS: Record<string, MessageKey> = {
  oidc_unknown_person: 'oidc.error.unknownPerson',
  oidc_account_inactive: 'oidc.error.accountInactive',
  oidc_no_identity: 'oidc.error.noIdentity',
  oidc_refused: 'oidc.error.refused',
};

interface LoginState {
  from?: string;
}

export function LoginRoute() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const target = state.from && state.from !== paths.login ? state.from : paths.home;
  const methods = useSignInMethods();
  const [params] = useSearchParams();
  const oidcError = params.get('error');

  if (session) return <Navigate to={target} replace />;

  return (
    <Page title={t('login.title')}>
      {getEndReason() === 'expired' && <Alert tone="info">{t('login.sessionEnded')}</Alert>}
      {oidcError && <Alert tone="error">{t(OIDC_ERRORS[oidcError] ?? 'oidc.error.other')}</Alert>}
      <p>{t('login.intro')}</p>
      {methods.oidc && (
        <p>
          {/* A navigation, not a fetch: the identity provider's pages take over the browser. */}
          <a className="button button--primary" href={OIDC_LOGIN_URL}>
            {t('oidc.button')}
          </a>
        </p>
      )}
      {methods.password && (
        <>
          <LoginForm onSuccess={() => navigate(target, { replace: true })} />
          <p>
            <Link to={paths.forgotPassword}>{t('forgot.link')}</Link>
          </p>
        </>
      )}
      <p className="login__catalogue">
        {t('login.catalogueHint')} <Link to={paths.catalogue}>{t('nav.catalogue')}</Link>
      </p>
    </Page>
  );
}
