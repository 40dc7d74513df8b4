import { useState } from 'react';
import { Alert, Button, Checkbox, ErrorMessage, FieldGroup, Form, Loading, StatusTag, Table, TextField, useFormMutation } from '@/components';
import { useT } from '@/lib/i18n';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useRotateWebhookSecret,
  useSetWebhookActive,
  useTestWebhook,
  useWebhooks,
  webhookEvents,
  type Webhook,
} from '../api/webhooks';
import '../words';

/**
 * Support's webhooks: the endpoints IT's tools and scripts are told of events through, each with
 * its events and state; registering one (its signing secret is shown once, then never again), a new
 * secret, a test event, turning it off or on, removing it, and its latest delivery attempts.
 */
export function WebhooksAdmin() {
  const t = useT();
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  return (
    <>
      <p className="lead">{t('webhooks.intro')}</p>
      {secret && (
        <Alert tone="success" title={t('webhooks.secretTitle')}>
          <p>{t('webhooks.secretOnce', { url: secret.url })}</p>
          <p>
            <code data-testid="webhook-secret">{secret.secret}</code>
          </p>
        </Alert>
      )}
      <section aria-labelledby="webhooks-list-heading" className="section">
        <h2 id="webhooks-list-heading">{t('webhooks.listHeading')}</h2>
        {webhooks.isPending ? (
          <Loading />
        ) : webhooks.isError ? (
          <ErrorMessage error={webhooks.error} />
        ) : webhooks.data.length === 0 ? (
          <p>{t('webhooks.none')}</p>
        ) : (
          webhooks.data.map((w) => <WebhookCard key={w.id} webhook={w} onSecret={setSecret} />)
        )}
      </section>
      <section aria-labelledby="webhook-create-heading" className="section card">
        <h2 id="webhook-create-heading">{t('webhooks.createHeading')}</h2>
        <CreateWebhookForm onSecret={setSecret} />
      </section>
    </>
  );
}

type OnSecret = (shown: { url: string; secret: string }) => void;

function WebhookCard({ webhook, onSecret }: { webhook: Webhook; onSecret: OnSecret }) {
  const t = useT();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [tested, setTested] = useState(false);
  const test = useTestWebhook();
  const rotate = useRotateWebhookSecret();
  const setActive = useSetWebhookActive();
  const remove = useDeleteWebhook();
  const error = test.error ?? rotate.error ?? setActive.error ?? remove.error;
  return (
    <article className="card section" aria-label={webhook.url}>
      <h3>{webhook.url}</h3>
      {webhook.description && <p>{webhook.description}</p>}
      <p>
        <StatusTag active={webhook.active} /> {t('webhooks.events')}: {webhook.events.join(', ')}
      </p>
      {webhook.failing_since && <p>{t('webhooks.failingSince', { time: new Date(webhook.failing_since).toLocaleString('sv-SE') })}</p>}
      {error ? <ErrorMessage error={error} /> : null}
      {tested && <p role="status">{t('webhooks.testQueued')}</p>}
      <div className="actions">
        <Button variant="secondary" busy={test.isPending} onClick={() => test.mutate(webhook.id, { onSuccess: () => setTested(true) })}>
          {t('webhooks.test')}
        </Button>
        <Button
          variant="secondary"
          busy={rotate.isPending}
          onClick={() => rotate.mutate(webhook.id, { onSuccess: (w) => onSecret({ url: w.url, secret: w.secret }) })}
        >
          {t('webhooks.rotate')}
        </Button>
        <Button variant="secondary" busy={setActive.isPending} onClick={() => setActive.mutate({ id: webhook.id, active: !webhook.active })}>
          {webhook.active ? t('webhooks.turnOff') : t('webhooks.turnOn')}
        </Button>
        <Button variant="secondary" busy={remove.isPending} onClick={() => remove.mutate(webhook.id)}>
          {t('webhooks.remove')}
        </Button>
        <Button variant="secondary" aria-expanded={showDeliveries} onClick={() => setShowDeliveries((v) => !v)}>
          {t('webhooks.deliveries')}
        </Button>
      </div>
      {showDeliveries && <Deliveries id={webhook.id} url={webhook.url} />}
    </article>
  );
}

function Deliveries({ id, url }: { id: string; url: string }) {
  const t = useT();
  const deliveries = useDeliveries(id);
  if (deliveries.isPending) return <Loading />;
  if (deliveries.isError) return <ErrorMessage error={deliveries.error} />;
  if (deliveries.data.length === 0) return <p>{t('webhooks.noDeliveries')}</p>;
  return (
    <Table caption={t('webhooks.deliveriesCaption', { url })}>
      <thead>
        <tr>
          <th scope="col">{t('webhooks.col.time')}</th>
          <th scope="col">{t('webhooks.col.event')}</th>
          <th scope="col">{t('webhooks.col.result')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.map((d) => (
          <tr key={d.id}>
            <td>{new Date(d.attempted_at).toLocaleString('sv-SE')}</td>
            <td>{d.event_type}</td>
            <td>{d.error ?? String(d.status_code ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function CreateWebhookForm({ onSecret }: { onSecret: OnSecret }) {
  const t = useT();
  const create = useFormMutation(useCreateWebhook());
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([]);

  function submit() {
    create.submit(
      { url, events, description: description.trim() || null },
      {
        onSuccess: (made) => {
          onSecret({ url: made.url, secret: made.secret });
          setUrl('');
          setDescription('');
          setEvents([]);
        },
      },
    );
  }

  return (
    <Form
      form={create}
      onSubmit={submit}
      submitLabel={t('webhooks.create')}
      fieldLabels={{ url: t('webhooks.url'), events: t('webhooks.events'), description: t('webhooks.description') }}
      className="form--medium"
    >
      <TextField label={t('webhooks.url')} required value={url} onChange={(e) => setUrl(e.target.value)} error={create.errors.url} hint={t('webhooks.urlHint')} />
      <FieldGroup legend={t('webhooks.events')} required error={create.errors.events}>
        {webhookEvents.map((event) => (
          <Checkbox
            key={event}
            label={event}
            checked={events.includes(event)}
            onChange={(e) => setEvents((list) => (e.target.checked ? [...list, event] : list.filter((x) => x !== event)))}
          />
        ))}
      </FieldGroup>
      <TextField label={t('webhooks.description')} value={description} onChange={(e) => setDescription(e.target.value)} error={create.errors.description} />
    </Form>
  );
}
