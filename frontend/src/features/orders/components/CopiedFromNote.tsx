import { Link } from 'react-router';
import { Alert } from '@/components';
import { useT } from '@/lib/i18n';
import type { Order } from '../api/types';
import { statusLabel } from './labels';
import '../words';

/**
 * On a copy: which order it was made from, and when that one was rejected, IT's reason, so that the
 * orderer can put right what IT refused before sending the copy.
 */
export function CopiedFromNote({ order, orderHref }: { order: Order; orderHref?: (id: string) => string }) {
  const t = useT();
  const from = order.copied_from;
  if (!from) return null;
  const reference = orderHref ? <Link to={orderHref(from.id)}>{from.reference}</Link> : from.reference;
  return (
    <Alert tone={from.status === 'rejected' ? 'warning' : 'info'} title={t('order.copiedFromTitle')}>
      <p>
        {t('order.copiedFrom')} {reference} ({statusLabel(t, from.status)}).
      </p>
      {from.status === 'rejected' && from.reason && (
        <p>
          <strong>{t('order.rejectReasonOfSource')}:</strong> <span className="pre-line">{from.reason}</span>
        </p>
      )}
    </Alert>
  );
}
