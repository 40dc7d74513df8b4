import { useState } from 'react';
import { Button, FieldGroup, Radio, SelectField, useSearchState } from '@/components';
import { plural, useT } from '@/lib/i18n';
import { useOrders } from '../api/get-orders';
import { takeOrder } from '../api/take-order';
import { afterOrderChange } from '../api/invalidate';
import type { OrderKind, OrderListItem, OrderSystem } from '../api/types';
import { ActionMessage, refusal, type ActionResult, type OrderActionsProps } from './OrderActions';
import { QueueTable } from './QueueTable';
import { useQueryClient } from '@tanstack/react-query';
import '../words';

export interface ItQueueProps {
  me: OrderActionsProps['me'];
  systems: OrderSystem[];
  providers: { id: string; name: string }[];
  orderHref: (id: string) => string;
  editHref: (id: string) => string;
}

const KINDS: OrderKind[] = ['grant', 'revoke'];

/**
 * IT-kö, built for volume: the sent orders, oldest first (`status=submitted&order=oldest`), and the
 * orders in progress (the reader's own, or everyone's), one line each, filtered by provider, system
 * and kind (kept in the address). Several sent orders can be selected and taken at once; when a
 * colleague got to one first the page says which.
 */
export function ItQueue({ me, systems, providers, orderHref, editHref }: ItQueueProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchState();
  const pick = <T extends string>(name: string, allowed: readonly T[]) => {
    const v = params.get(name);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const systemId = pick('system', systems.map((s) => s.id));
  const providerId = pick('utforare', providers.map((p) => p.id));
  const kind = pick('typ', KINDS);
  const scope = params.get('pagaende') === 'alla' ? 'all' : 'mine';
  const [result, setResult] = useState<ActionResult | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [taking, setTaking] = useState(false);

  const filters = { system_id: systemId, provider_id: providerId, kind };
  const queue = useOrders({ status: ['submitted'], order: 'oldest', ...filters, limit: 50 });
  const inProgress = useOrders({ status: ['in_progress'], order: 'oldest', ...filters, mine: scope === 'mine', limit: 50 });

  function set(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
    setSelected(new Set());
  }

  const queued: OrderListItem[] = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const chosen = queued.filter((o) => selected.has(o.id));

  async function takeSelected() {
    setTaking(true);
    const taken: string[] = [];
    const failed: string[] = [];
    for (const order of chosen) {
      try {
        await takeOrder(order);
        taken.push(order.reference);
      } catch (error) {
        failed.push(refusal(t, error, order.reference));
      }
    }
    setTaking(false);
    setSelected(new Set());
    afterOrderChange(queryClient);
    const text = [taken.length > 0 ? plural(t, 'queue.took', taken.length) : '', ...failed].filter(Boolean).join(' ');
    setResult({ tone: failed.length > 0 ? 'error' : 'success', text, key: Date.now() });
  }

  const common = { me, orderHref, editHref, onResult: setResult };
  const count = (n: number, more: boolean) =>
    more ? t('orders.countMore', { count: plural(t, 'itQueue.count', n) }) : plural(t, 'itQueue.count', n);
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  return (
    <div className="it-queue wide-page">
      <div className="card queue-filters">
        <SelectField id="it-provider" label={t('order.provider')} value={providerId ?? ''} onChange={(e) => set('utforare', e.target.value || null)}>
          <option value="">{t('queue.allProviders')}</option>
          {byName(providers).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="it-system" label={t('order.system')} value={systemId ?? ''} onChange={(e) => set('system', e.target.value || null)}>
          <option value="">{t('itQueue.allSystems')}</option>
          {byName(systems).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="it-kind" label={t('order.kind')} value={kind ?? ''} onChange={(e) => set('typ', e.target.value || null)}>
          <option value="">{t('queue.allKinds')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`order.kind.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ActionMessage result={result} />

      <section className="section" aria-labelledby="queue-heading">
        <div className="queue-heading">
          <h2 id="queue-heading">{t('itQueue.queueHeading')}</h2>
          <Button
            className="button--small"
            busy={taking}
            disabled={chosen.length === 0}
            onClick={() => void takeSelected()}
          >
            {t('queue.takeSelected', { n: chosen.length })}
          </Button>
        </div>
        <QueueTable
          {...common}
          caption={t('itQueue.queueCaption')}
          query={queue}
          empty={t('itQueue.queueEmpty')}
          countText={count}
          selectable
          selected={selected}
          onSelect={(id, on) =>
            setSelected((prev) => {
              const next = new Set(prev);
              if (on) next.add(id);
              else next.delete(id);
              return next;
            })
          }
        />
      </section>

      <section className="section" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('itQueue.progressHeading')}</h2>
        <FieldGroup legend={t('itQueue.scope')} role="radiogroup">
          <div className="inline-options">
            <Radio name="it-scope" value="mine" label={t('itQueue.scopeMine')} checked={scope === 'mine'} onChange={() => set('pagaende', null)} />
            <Radio name="it-scope" value="all" label={t('itQueue.scopeAll')} checked={scope === 'all'} onChange={() => set('pagaende', 'alla')} />
          </div>
        </FieldGroup>
        <QueueTable
          {...common}
          caption={scope === 'mine' ? t('itQueue.progressCaptionMine') : t('itQueue.progressCaptionAll')}
          query={inProgress}
          showTakenBy={scope === 'all'}
          empty={scope === 'mine' ? t('itQueue.progressEmptyMine') : t('itQueue.progressEmptyAll')}
          countText={count}
        />
      </section>
    </div>
  );
}
