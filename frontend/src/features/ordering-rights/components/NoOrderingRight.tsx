import { useState } from 'react';
import { Alert, Form, TextAreaField, useFormMutation } from '@/components';
import { ApiError } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { useAskForOrderingRight } from '../api/ask-for-ordering-right';
import '../words';

export interface NoOrderingRightProps {
  /** The provider the account belongs to, which it may ask for a right for; none for accounts of none. */
  provider: { id: string; name: string } | null;
  /** Whether the account's request for that provider already waits for an answer (`GET /me`). */
  waiting?: boolean;
  /** Called once a request has been sent (so that the caller can refresh what `GET /me` says). */
  onAsked?: () => void;
}

/**
 * For an account without an ordering right: how to get one, and the request itself
 * (`POST /providers/{id}/ordering-right-requests`) with an optional message. A request already waiting is
 * shown instead of the form; asking again all the same (from another tab, say) is 409 `already_requested`,
 * which is shown as "waiting" too, not as a failure.
 */
export function NoOrderingRight({ provider, waiting = false, onAsked }: NoOrderingRightProps) {
  const t = useT();
  return (
    <>
      <p className="lead">{t('orderingRights.noRight')}</p>
      {provider ? (
        <RequestOrderingRight provider={provider} waiting={waiting} onAsked={onAsked} />
      ) : (
        <p>{t('orderingRights.noRightHow')}</p>
      )}
    </>
  );
}

type Outcome = 'sent' | 'waiting';

function RequestOrderingRight({
  provider,
  waiting,
  onAsked,
}: {
  provider: { id: string; name: string };
  waiting: boolean;
  onAsked?: () => void;
}) {
  const t = useT();
  // Asked already (from another tab, say): that is shown as waiting, not as a failure of this form.
  const ask = useFormMutation(useAskForOrderingRight(provider.id), {
    keeps: (error) => !(error instanceof ApiError && error.code === 'already_requested'),
  });
  const [message, setMessage] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(waiting ? 'waiting' : null);
  // Focus moves to the answer of the user's own action only, never on arrival.
  const [answered, setAnswered] = useState(false);

  function submit() {
    ask.submit(message.trim() || null, {
      onSuccess: () => {
        setAnswered(true);
        setOutcome('sent');
        onAsked?.();
      },
      onError: () => {
        setAnswered(true);
        setOutcome('waiting');
      },
    });
  }

  return (
    <section aria-labelledby="request-heading" className="section card">
      <h2 id="request-heading">{t('orderingRights.requestHeading')}</h2>
      <p>{t('orderingRights.requestIntro', { provider: provider.name })}</p>
      {outcome ? (
        <Alert
          tone={outcome === 'sent' ? 'success' : 'info'}
          title={outcome === 'sent' ? t('orderingRights.requestSentTitle') : t('orderingRights.requestWaitingTitle')}
          focus={answered}
        >
          <p>
            {outcome === 'sent'
              ? t('orderingRights.requestSent', { provider: provider.name })
              : t('orderingRights.requestWaiting', { provider: provider.name })}{' '}
            {t('orderingRights.requestAnswer')}
          </p>
        </Alert>
      ) : (
        <Form
          form={ask}
          onSubmit={submit}
          submitLabel={t('orderingRights.requestSubmit')}
          errorTitle={t('orderingRights.requestFailed')}
          fieldLabels={{ message: t('orderingRights.requestMessage') }}
          className="form--narrow"
        >
          <TextAreaField
            id="request-message"
            label={t('orderingRights.requestMessage')}
            hint={t('orderingRights.requestMessageHint')}
            rows={4}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            error={ask.errors['message']}
          />
        </Form>
      )}
    </section>
  );
}
