import { useState } from 'react';
import { Alert, Form, SelectField, TextField, useFormMutation } from '@/components';
import { useT } from '@/lib/i18n';
import { useRegisterExpertUser } from '../api/register-expert-user';
import '../words';

interface Values {
  firstName: string;
  lastName: string;
  email: string;
  systemId: string;
  personalNumber: string;
}

/**
 * Adding an expert user by hand (orderers of the provider, support): name, email and system, the
 * personal number if known. Nothing is refused in the browser: the API's 422 puts each message beside
 * its field, and a person already registered for the system (409 `already_registered`) is said at the email.
 */
export function AddExpertUser({
  provider,
  systems,
  initialSystemId,
}: {
  provider: { id: string; name: string };
  systems: { id: string; name: string }[];
  initialSystemId: string;
}) {
  const t = useT();
  const empty: Values = { firstName: '', lastName: '', email: '', systemId: initialSystemId, personalNumber: '' };
  const [values, setValues] = useState<Values>(empty);
  const [done, setDone] = useState<{ text: string; key: number } | null>(null);
  // What the last submission sent, which the API's answer is about.
  const [sent, setSent] = useState<Values>(empty);
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch });
  const systemName = (id: string) => systems.find((s) => s.id === id)?.name ?? '';
  const register = useFormMutation(useRegisterExpertUser(provider.id), {
    messages: {
      already_registered: t('expertUsers.alreadyRegistered', { system: systemName(sent.systemId) || '–', provider: provider.name }),
    },
    codeFields: { already_registered: 'email' },
  });

  function submit() {
    setDone(null);
    const sent = values;
    setSent(sent);
    register.submit(
      {
        first_name: sent.firstName.trim(),
        last_name: sent.lastName.trim(),
        email: sent.email.trim(),
        system_id: sent.systemId,
        personal_number: sent.personalNumber.trim() || null,
      },
      {
        onSuccess: (added) => {
          setValues({ ...empty, systemId: sent.systemId });
          setDone({
            text: t('expertUsers.added', {
              name: `${added.first_name} ${added.last_name}`,
              system: added.system_name,
              provider: added.provider_name,
            }),
            key: Date.now(),
          });
        },
      },
    );
  }

  const errors = { ...register.errors };
  // No system chosen: the API finds an empty id malformed; say what to do instead.
  if (errors['system_id'] && !sent.systemId) errors['system_id'] = t('expertUsers.chooseSystemError');

  return (
    <section aria-labelledby="add-expert-user-heading" className="section card">
      <h2 id="add-expert-user-heading">{t('expertUsers.addHeading')}</h2>
      <p>{t('expertUsers.addIntro', { provider: provider.name })}</p>
      {done && (
        <Alert tone="success" focus focusKey={done.key}>
          <p>{done.text}</p>
        </Alert>
      )}
      <Form
        form={register}
        onSubmit={submit}
        submitLabel={t('expertUsers.add')}
        errorTitle={t('expertUsers.addFailed')}
        fieldLabels={{
          first_name: t('expertUsers.firstName'),
          last_name: t('expertUsers.lastName'),
          email: t('expertUsers.email'),
          system_id: t('expertUsers.system'),
          personal_number: t('expertUsers.personalNumber'),
        }}
        className="form--narrow"
      >
        <TextField
          id="expert-first-name"
          label={t('expertUsers.firstName')}
          required
          autoComplete="off"
          value={values.firstName}
          onChange={(e) => set({ firstName: e.target.value })}
          error={errors['first_name']}
        />
        <TextField
          id="expert-last-name"
          label={t('expertUsers.lastName')}
          required
          autoComplete="off"
          value={values.lastName}
          onChange={(e) => set({ lastName: e.target.value })}
          error={errors['last_name']}
        />
        <TextField
          id="expert-email"
          label={t('expertUsers.email')}
          required
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={(e) => set({ email: e.target.value })}
          error={errors['email']}
        />
        <SelectField
          id="expert-system"
          label={t('expertUsers.system')}
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
        <TextField
          id="expert-personal-number"
          label={t('expertUsers.personalNumber')}
          hint={t('expertUsers.personalNumberHint')}
          autoComplete="off"
          value={values.personalNumber}
          onChange={(e) => set({ personalNumber: e.target.value })}
          error={errors['personal_number']}
          className="field--short"
        />
      </Form>
    </section>
  );
}
