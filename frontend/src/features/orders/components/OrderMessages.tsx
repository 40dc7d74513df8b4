import { useRef, useState, type FormEvent } from 'react';
import { Button, ErrorMessage, FormError, Loading, TextAreaField } from '@/components';
import { ApiError } from '@/lib/api';
import { formatDateTime, useT } from '@/lib/i18n';
import { useOrderMessages, usePostOrderMessage } from '../api/order-messages';
import '../words';

/**
 * Meddelanden: the conversation on an order sent to IT, oldest first, and (for the provider's
 * orderers and IT) a field `Meddelande` with `Skicka meddelande`. Each message tells the other side.
 */
export function OrderMessages({ orderId, canWrite }: { orderId: string; canWrite: boolean }) {
  const t = useT();
  const messages = useOrderMessages(orderId);
  const post = usePostOrderMessage(orderId);
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const fieldError =
    post.error instanceof ApiError ? post.error.problem?.errors?.find((e) => e.field === 'body')?.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (post.isPending) return;
    setSent(false);
    post.mutate(body, {
      onSuccess: () => {
        setBody('');
        setSent(true);
      },
      onError: () => field.current?.focus(),
    });
  }

  return (
    <section className="section order-messages" aria-labelledby="order-messages-heading">
      <h2 id="order-messages-heading">{t('messages.heading')}</h2>
      {messages.isPending ? (
        <Loading />
      ) : messages.isError ? (
        <ErrorMessage error={messages.error} />
      ) : messages.data.length === 0 ? (
        <p className="muted">{t('messages.none')}</p>
      ) : (
        <ol className="message-list">
          {messages.data.map((m) => (
            <li key={m.id} className={`message message--${m.side}`}>
              <p className="message__meta">
                <strong>{m.author_name}</strong> ({m.side === 'it' ? t('messages.sideIt') : t('messages.sideOrderer')}),{' '}
                <span className="nowrap">{formatDateTime(m.created_at)}</span>
              </p>
              <p className="pre-line message__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form className="form form--medium" noValidate onSubmit={submit}>
          {post.isError && !fieldError && <FormError error={post.error} />}
          <TextAreaField
            id="order-message"
            ref={field}
            label={t('messages.field')}
            hint={t('messages.hint')}
            rows={3}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              setSent(false);
            }}
            error={fieldError}
          />
          <div className="form-actions">
            <Button type="submit" busy={post.isPending}>
              {t('messages.send')}
            </Button>
            {sent && (
              <p role="status" className="form-actions__status">
                {t('messages.sent')}
              </p>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
