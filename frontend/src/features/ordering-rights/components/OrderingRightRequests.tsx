import { useState } from 'react';
import { Alert, Button, ErrorMessage, FormDialog, Loading, Table, TextAreaField, errorText, useFormMutation } from '@/components';
import { fieldErrors } from '@/lib/api';
import { formatDateTime, useT, type Translate } from '@/lib/i18n';
import type { OrderingRightRequest } from '../api/ask-for-ordering-right';
import { useDeclineOrderingRightRequest } from '../api/decline-ordering-right-request';
import { usePendingRequests } from '../api/get-ordering-right-requests';
import { useGrantOrderingRightRequest } from '../api/grant-ordering-right-request';
import '../words';

interface Result {
  tone: 'success' | 'warning' | 'error';
  title?: string;
  text: string;
  key: number;
}

/** Plain words for what the API may answer when a request is answered. */
function answerMessages(t: Translate, request: OrderingRightRequest) {
  return {
    already_decided: t('requests.alreadyDecided', { name: request.account_name }),
    already_granted: t('orderingRights.alreadyGranted', { name: request.account_name, provider: request.provider_name }),
    account_not_in_provider: t('requests.notInProvider', { name: request.account_name, provider: request.provider_name }),
  };
}

/**
 * The provider's unanswered requests for an ordering right, for its orderers and support: grant
 * (`Bevilja`) at once, or decline (`Avslå`) with an optional reason. The asker is notified either way.
 */
export function OrderingRightRequests({ provider }: { provider: { id: string; name: string } }) {
  const t = useT();
  const requests = usePendingRequests(provider.id, true);
  const grant = useGrantOrderingRightRequest(provider.id);
  const [declining, setDeclining] = useState<OrderingRightRequest | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [granting, setGranting] = useState<string | null>(null);

  function grantRequest(request: OrderingRightRequest) {
    if (grant.isPending) return;
    setGranting(request.id);
    grant.mutate(request.id, {
      onSuccess: (answer) => {
        const done = `${t('orderingRights.granted', { name: request.account_name, provider: provider.name })} ${t(
          'requests.notified',
          { name: request.account_name },
        )}`;
        // Rule 9 may still not be met: say so.
        const tooFew = answer.warnings.includes('too_few_orderers');
        setResult({
          tone: tooFew ? 'warning' : 'success',
          text: tooFew
            ? `${done} ${t('orderingRights.tooFew', {
                provider: provider.name,
                n: answer.compliance.orderers,
                required: answer.compliance.orderers_required,
              })}`
            : done,
          key: Date.now(),
        });
      },
      onError: (error) =>
        setResult({
          tone: 'error',
          title: t('requests.grantFailed'),
          text: errorText(error, t, answerMessages(t, request)),
          key: Date.now(),
        }),
      onSettled: () => setGranting(null),
    });
  }

  const headingId = `requests-${provider.id}`;
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{t('requests.heading')}</h2>
      {result && (
        <Alert tone={result.tone} title={result.title} focus focusKey={result.key}>
          <p>{result.text}</p>
        </Alert>
      )}
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorMessage error={requests.error} title={t('requests.loadFailed')} />
      ) : requests.data.length === 0 ? (
        <p>{t('requests.none', { provider: provider.name })}</p>
      ) : (
        <Table caption={t('requests.caption', { provider: provider.name })} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('orderingRights.name')}</th>
              <th scope="col">{t('orderingRights.email')}</th>
              <th scope="col">{t('requests.message')}</th>
              <th scope="col">{t('requests.createdAt')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.data.map((request) => (
              <tr key={request.id}>
                <th scope="row">{request.account_name}</th>
                <td className="cell--break">{request.account_email}</td>
                <td className="pre-line">{request.message?.trim() || <span className="muted">{t('requests.noMessage')}</span>}</td>
                <td className="nowrap">{formatDateTime(request.created_at)}</td>
                <td>
                  <div className="table__actions">
                    <Button
                      className="button--small"
                      busy={granting === request.id}
                      onClick={() => grantRequest(request)}
                    >
                      {t('requests.grant')}
                      <span className="visually-hidden"> {t('requests.forName', { name: request.account_name })}</span>
                    </Button>
                    <Button variant="secondary" className="button--small" onClick={() => setDeclining(request)}>
                      {t('requests.decline')}
                      <span className="visually-hidden"> {t('requests.forName', { name: request.account_name })}</span>
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {declining && (
        <DeclineDialog
          request={declining}
          providerId={provider.id}
          onCancel={() => setDeclining(null)}
          onDone={(text, tone) => {
            setDeclining(null);
            setResult({ tone, text, key: Date.now(), title: tone === 'error' ? t('requests.declineFailed') : undefined });
          }}
        />
      )}
    </section>
  );
}

function DeclineDialog({
  request,
  providerId,
  onCancel,
  onDone,
}: {
  request: OrderingRightRequest;
  providerId: string;
  onCancel: () => void;
  onDone: (text: string, tone: 'success' | 'error') => void;
}) {
  const t = useT();
  // A request someone else answered meanwhile: nothing to correct here, say it on the page.
  const decline = useFormMutation(useDeclineOrderingRightRequest(providerId), {
    keeps: (error) => Boolean(fieldErrors(error)['reason']),
  });
  const [reason, setReason] = useState('');

  function submit() {
    decline.submit(
      { requestId: request.id, reason: reason.trim() || null },
      {
        onSuccess: () => onDone(t('requests.declined', { name: request.account_name }), 'success'),
        onError: (error) => onDone(errorText(error, t, answerMessages(t, request)), 'error'),
      },
    );
  }

  return (
    <FormDialog
      title={t('requests.declineTitle', { name: request.account_name })}
      onClose={onCancel}
      form={decline}
      onSubmit={submit}
      submitLabel={t('requests.declineConfirm')}
      errorTitle={t('requests.declineFailed')}
      fieldLabels={{ reason: t('requests.reason') }}
      intro={<p>{t('requests.declineBody', { name: request.account_name })}</p>}
    >
      <TextAreaField
        id="decline-reason"
        label={t('requests.reason')}
        hint={t('requests.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={decline.errors['reason']}
        data-autofocus=""
      />
    </FormDialog>
  );
}
