import { useState } from 'react';
import { Alert, Form, TextField, useFormMutation } from '@/components';
import { useT } from '@/lib/i18n';
import { useRequestPasswordReset } from '../api/password';

/** Asks for a reset link. The answer says the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const t = useT();
  const form = useFormMutation(useRequestPasswordReset());
  const [email, setEmail] = useState('');
  return (
    <Form
      form={form}
      onSubmit={() => form.submit(email.trim())}
      submitLabel={t('forgot.send')}
      fieldLabels={{ email: t('login.email') }}
      intro={<p>{t('forgot.intro')}</p>}
      notice={form.succeeded && <Alert tone="success">{t('forgot.sent')}</Alert>}
      className="form--narrow"
    >
      <TextField
        id="forgot-email"
        label={t('login.email')}
        required
        type="email"
        inputMode="email"
        autoComplete="username"
        spellCheck={false}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={form.errors['email']}
      />
    </Form>
  );
}
