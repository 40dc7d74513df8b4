import { Page } from '@/components';
import type { Me } from '@/features/auth';
import { useT, type MessageKey } from '@/lib/i18n';
import { WithMe } from './guards';

/** A page whose content comes in a later version; it already checks who may see it. */
export function PlaceholderRoute({ title, allow }: { title: MessageKey; allow?: (me: Me) => boolean }) {
  const t = useT();
  return (
    <WithMe allow={allow}>
      {() => (
        <Page title={t(title)}>
          <p>{t('placeholder.body')}</p>
        </Page>
      )}
    </WithMe>
  );
}
