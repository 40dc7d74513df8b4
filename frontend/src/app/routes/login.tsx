import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Page } from '@/components';
import { LoginForm } from '@/features/auth';
import { getEndReason, useSession } from '@/lib/auth/session';
import { useT } from '@/lib/i18n';
import { paths } from '../paths';

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

  if (session) return <Navigate to={target} replace />;

  return (
    <Page title={t('login.title')}>
      {getEndReason() === 'expired' && <Alert tone="info">{t('login.sessionEnded')}</Alert>}
      <p>{t('login.intro')}</p>
      <LoginForm onSuccess={() => navigate(target, { replace: true })} />
      <p>
        <Link to={paths.forgotPassword}>{t('forgot.link')}</Link>
      </p>
      <p className="login__catalogue">
        {t('login.catalogueHint')} <Link to={paths.catalogue}>{t('nav.catalogue')}</Link>
      </p>
    </Page>
  );
}
