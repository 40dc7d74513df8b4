import { useState } from 'react';
import { FieldGroup, Radio, SelectField, useSearchState } from '@/components';
import { plural, useT } from '@/lib/i18n';
import { useOrders } from '../api/get-orders';
import type { OrderSystem } from '../api/types';
import { ActionMessage, type ActionResult, type OrderActionsProps } from './OrderActions';
import { OrdersTable } from './OrdersTable';

export interface ItQueueProps {
  me: OrderActionsProps['me'];
  systems: OrderSystem[];
  orderHref: (id: string) => string;
  editHref: (id: string) => string;
}

/**
 * IT-kö: the sent orders, oldest first (`status=submitted&order=oldest`), and the orders in progress
 * (the reader's own, or everyone's), both filterable by system. Ta ärende, Klarmarkera, Avvisa and
 * Returnera on each; when a colleague got there first the page says so and loads the lists again.
 */
export function ItQueue({ me, systems, orderHref, editHref }: ItQueueProps) {
  const t = useT();
  const [params, setParams] = useSearchState();
  const asked = params.get('system');
  const systemId = asked && systems.some((s) => s.id === asked) ? asked : undefined;
  const scope = params.get('pagaende') === 'alla' ? 'all' : 'mine';
  const [result, setResult] = useState<ActionResult | null>(null);

  const queue = useOrders({ status: ['submitted'], order: 'oldest', system_id: systemId });
  const inProgress = useOrders({ status: ['in_progress'], order: 'oldest', system_id: systemId, mine: scope === 'mine' });

  function set(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  }

  const systemName = systems.find((s) => s.id === systemId)?.name;
  // IT copies nothing (copying is the orderers'), so no copy is ever made here.
  const common = { me, orderHref, editHref, onResult: setResult, onCopied: () => {}, showProvider: true };

  return (
    <div className="it-queue">
      <div className="card orders__filters">
        <SelectField
          id="it-system"
          label={t('order.system')}
          hint={t('itQueue.systemHint')}
          value={systemId ?? ''}
          onChange={(e) => set('system', e.target.value || null)}
        >
          <option value="">{t('itQueue.allSystems')}</option>
          {[...systems]
            .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </SelectField>
      </div>
      <ActionMessage result={result} />

      <section className="section" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t('itQueue.queueHeading')}</h2>
        <p className="muted">{t('itQueue.queueIntro')}</p>
        <OrdersTable
          {...common}
          caption={systemName ? t('itQueue.queueCaptionFor', { system: systemName }) : t('itQueue.queueCaption')}
          query={queue}
          time="submitted"
          empty={t('itQueue.queueEmpty')}
          countText={(n, more) => (more ? t('orders.countMore', { count: plural(t, 'itQueue.count', n) }) : plural(t, 'itQueue.count', n))}
        />
      </section>

      <section className="section" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('itQueue.progressHeading')}</h2>
        <FieldGroup legend={t('itQueue.scope')} role="radiogroup">
          <div className="inline-options">
            <Radio
              name="it-scope"
              value="mine"
              label={t('itQueue.scopeMine')}
              checked={scope === 'mine'}
              onChange={() => set('pagaende', null)}
            />
            <Radio
              name="it-scope"
              value="all"
              label={t('itQueue.scopeAll')}
              checked={scope === 'all'}
              onChange={() => set('pagaende', 'alla')}
            />
          </div>
        </FieldGroup>
        <OrdersTable
          {...common}
          caption={scope === 'mine' ? t('itQueue.progressCaptionMine') : t('itQueue.progressCaptionAll')}
          query={inProgress}
          showTakenBy={scope === 'all'}
          time="submitted"
          empty={scope === 'mine' ? t('itQueue.progressEmptyMine') : t('itQueue.progressEmptyAll')}
          countText={(n, more) => (more ? t('orders.countMore', { count: plural(t, 'itQueue.count', n) }) : plural(t, 'itQueue.count', n))}
        />
      </section>
    </div>
  );
}
