import { useState } from 'react';
import { Alert, FieldGroup, Form, Radio, SelectField, TextAreaField, TextField, useFormMutation } from '@/components';
import { useT } from '@/lib/i18n';
import { useMessageExpertUsers } from '../api/message-expert-users';
import '../words';

type Audience = 'all' | 'provider' | 'system';

interface Values {
  audience: Audience;
  providerId: string;
  systemId: string;
  subject: string;
  body: string;
}

const empty: Values = { audience: 'all', providerId: '', systemId: '', subject: '', body: '' };

/**
 * Support's direct information to expert users (`POST /expert-users/messages`): to all of them, one
 * provider's or one system's; subject and text. The answer says how many emails were queued (one per
 * distinct address); delivery happens in the background.
 */
export function MessageExpertUsers({
  providers,
  systems,
}: {
  providers: { id: string; name: string }[];
  systems: { id: string; name: string }[];
}) {
  const t = useT();
  const send = useFormMutation(useMessageExpertUsers());
  const [values, setValues] = useState<Values>(empty);
  const [sent, setSent] = useState<Values>(empty);
  const [done, setDone] = useState<{ queued: number; audience: string; key: number } | null>(null);
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch });

  function submit() {
    setDone(null);
    const now = values;
    setSent(now);
    const audience =
      now.audience === 'provider'
        ? t('expertUsers.toProvider', { provider: providers.find((p) => p.id === now.providerId)?.name ?? '' })
        : now.audience === 'system'
          ? t('expertUsers.toSystem', { system: systems.find((s) => s.id === now.systemId)?.name ?? '' })
          : t('expertUsers.toAll');
    send.submit(
      {
        subject: now.subject.trim(),
        body: now.body,
        provider_id: now.audience === 'provider' ? now.providerId : null,
        system_id: now.audience === 'system' ? now.systemId : null,
      },
      {
        onSuccess: (queued) => {
          setValues(empty);
          setDone({ queued, audience, key: Date.now() });
        },
      },
    );
  }

  const errors = { ...send.errors };
  // Nothing chosen in a list: the API finds an empty id malformed; say what to do instead.
  if (errors['provider_id'] && !sent.providerId) errors['provider_id'] = t('expertUsers.chooseProviderError');
  if (errors['system_id'] && !sent.systemId) errors['system_id'] = t('expertUsers.chooseSystemError');

  return (
    <section aria-labelledby="message-heading" className="section card">
      <h2 id="message-heading">{t('expertUsers.messageHeading')}</h2>
      <p>{t('expertUsers.messageIntro')}</p>
      {done && (
        <Alert
          tone={done.queued > 0 ? 'success' : 'warning'}
          title={done.queued > 0 ? t('expertUsers.messageSentTitle') : t('expertUsers.messageNoneTitle')}
          focus
          focusKey={done.key}
        >
          <p>
            {done.queued > 0
              ? t(done.queued === 1 ? 'expertUsers.messageQueued.one' : 'expertUsers.messageQueued.other', {
                  n: done.queued,
                  audience: done.audience,
                })
              : t('expertUsers.messageNone', { audience: done.audience })}
          </p>
        </Alert>
      )}
      <Form
        form={send}
        onSubmit={submit}
        submitLabel={t('expertUsers.messageSend')}
        errorTitle={t('expertUsers.messageFailed')}
        fieldLabels={{
          subject: t('expertUsers.messageSubject'),
          body: t('expertUsers.messageBody'),
          provider_id: t('expertUsers.messageProvider'),
          system_id: t('expertUsers.messageSystem'),
        }}
        className="form--medium"
      >
        <FieldGroup legend={t('expertUsers.audience')} role="radiogroup">
          <Radio
            name="message-audience"
            value="all"
            label={t('expertUsers.audienceAll')}
            checked={values.audience === 'all'}
            onChange={() => set({ audience: 'all' })}
          />
          <Radio
            name="message-audience"
            value="provider"
            label={t('expertUsers.audienceProvider')}
            checked={values.audience === 'provider'}
            onChange={() => set({ audience: 'provider' })}
          />
          <Radio
            name="message-audience"
            value="system"
            label={t('expertUsers.audienceSystem')}
            checked={values.audience === 'system'}
            onChange={() => set({ audience: 'system' })}
          />
        </FieldGroup>
        {values.audience === 'provider' && (
          <SelectField
            id="message-provider"
            label={t('expertUsers.messageProvider')}
            required
            value={values.providerId}
            onChange={(e) => set({ providerId: e.target.value })}
            error={errors['provider_id']}
          >
            <option value="">{t('expertUsers.chooseProvider')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        )}
        {values.audience === 'system' && (
          <SelectField
            id="message-system"
            label={t('expertUsers.messageSystem')}
            required
            value={values.systemId}
            onChange={(e) => set({ systemId: e.target.value })}
            error={errors['system_id']}
          >
            <option value="">{t('expertUsers.chooseSystem')}</option>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          id="message-subject"
          label={t('expertUsers.messageSubject')}
          required
          value={values.subject}
          onChange={(e) => set({ subject: e.target.value })}
          error={errors['subject']}
        />
        <TextAreaField
          id="message-body"
          label={t('expertUsers.messageBody')}
          required
          rows={8}
          value={values.body}
          onChange={(e) => set({ body: e.target.value })}
          error={errors['body']}
        />
      </Form>
    </section>
  );
}
