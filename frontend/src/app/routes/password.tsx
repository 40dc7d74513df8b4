import { Link, useLocation, useNavigate } from 'react-router';
import { Alert, Page } from '@/components';
import { ForgotPasswordForm } from '@/features/auth/components/ForgotPasswordForm';
import { SetPasswordForm } from '@/features/auth/components/SetPasswordForm';
import type { LinkPurpose } from '@/features/auth/api/password';
import { useT } from '@/lib/i18n';
import { paths } from '../paths';

/** The token of a link: in the fragment (`#token=…`), which browsers never send to a server. */
function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** `/aktivera` and `/nytt-losenord`: the page an activation or reset link opens. */
export function SetPasswordRoute({ purpose }: { purpose: LinkPurpose }) {
  const t = useT();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const token = tokenOf(hash);
  return (
    <Page title={t(purpose === 'activation' ? 'activate.title' : 'activate.resetTitle')}>
      {token ? (
        <SetPasswordForm purpose={purpose} token={token} onDone={() => navigate(paths.home, { replace: true })} />
      ) : (
        <Alert tone="error">{t('activate.noToken')}</Alert>
      )}
      <p>
        <Link to={paths.forgotPassword}>{t('forgot.link')}</Link>
      </p>
    </Page>
  );
}

export function ActivateRoute() {
  return <SetPasswordRoute purpose="activation" />;
}

export function ResetPasswordRoute() {
  return <SetPasswordRoute purpose="reset" />;
}

/** `/glomt-losenord`: ask for a reset link. */
export function ForgotPasswordRoute() {
  const t = useT();
  return (
    <Page title={t('forgot.title')}>
      <ForgotPasswordForm />
      <p>
        <Link to={paths.login}>{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}
