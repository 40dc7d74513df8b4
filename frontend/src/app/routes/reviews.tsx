/**
 * Behörighetsuppföljning. The reviews feature gets from others here: every provider and the systems
 * (for support's start dialog), and the links to orders.
 */
import { useParams } from 'react-router';
import { ErrorMessage, Loading, Page } from '@/components';
import type { Me } from '@/features/auth';
import { useSystems } from '@/features/catalogue';
import { useProviders } from '@/features/providers';
import { ReviewPage, Reviews } from '@/features/reviews';
import { useT } from '@/lib/i18n';
import { links, paths } from '../paths';
import { anyOf, hasRole, isOrderer, WithMe } from './guards';

const allowed = anyOf(isOrderer, hasRole('admin'));

export function ReviewsRoute() {
  return <WithMe allow={allowed}>{(me) => <ReviewsPage me={me} />}</WithMe>;
}

function ReviewsPage({ me }: { me: Me }) {
  const t = useT();
  const admin = me.roles.includes('admin');
  const providers = useProviders({ enabled: admin });
  const systems = useSystems();
  const title = t('nav.reviews');
  if ((admin && providers.isPending) || systems.isPending) {
    return (
      <Page title={title}>
        <Loading />
      </Page>
    );
  }
  if ((admin && providers.isError) || systems.isError) {
    return (
      <Page title={title}>
        <ErrorMessage error={providers.error ?? systems.error} />
      </Page>
    );
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
  return (
    <Page title={title}>
      <Reviews
        me={me}
        providers={(providers.data ?? []).map((p) => ({ id: p.id, name: p.name })).sort(byName)}
        systems={(systems.data ?? []).map((s) => ({ id: s.id, name: s.name })).sort(byName)}
        reviewHref={links.review}
      />
    </Page>
  );
}

export function ReviewRoute() {
  return <WithMe allow={allowed}>{(me) => <OneReview me={me} />}</WithMe>;
}

function OneReview({ me }: { me: Me }) {
  const t = useT();
  const { id = '' } = useParams();
  return (
    <Page title={t('nav.reviews')}>
      <ReviewPage me={me} id={id} orderHref={links.order} backHref={paths.reviews} />
    </Page>
  );
}
