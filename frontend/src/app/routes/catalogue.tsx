import { Page } from '@/components';
import { Catalogue } from '@/features/catalogue';
import { useT } from '@/lib/i18n';

export function CatalogueRoute() {
  const t = useT();
  return (
    <Page title={t('catalogue.title')}>
      <p className="lead">{t('catalogue.intro')}</p>
      <Catalogue />
    </Page>
  );
}
