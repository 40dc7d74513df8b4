import { Link } from 'react-router';
import { Page } from '@/components';
import { useT } from '@/lib/i18n';
import { paths } from '../paths';

export function NotFoundRoute() {
  const t = useT();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={paths.home}>{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
