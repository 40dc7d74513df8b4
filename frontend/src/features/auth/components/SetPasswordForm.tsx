import { useState } from 'react';
import { Form, TextField, useFormMutation } from '@/components';
import { useT } from '@/lib/i18n';
import { useSetPasswordWithToken, type LinkPurpose } from '../api/password';

/**
 * The person behind an activation or reset link chooses their password, twice. That the two agree is
 * checked here; what makes a password strong enough is the API's (`weak_password`), shown beside the
 * field as it says it.
 */
export function SetPasswordForm({ purpose, token, onDone }: { purpose: LinkPurpose; token: string; onDone: () => void }) {
  const t = useT();
  const form = useFormMutation(useSetPasswordWithToken(purpose));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [local, setLocal] = useState<{ password?: string; repeat?: string }>({});

  function submit() {
    const missing = password ? undefined : t('activate.required');
    const mismatch = password && repeat !== password ? t('activate.mismatch') : undefined;
    setLocal({ password: missing, repeat: mismatch });
    if (missing || mismatch) {
      document.getElementById(missing ? 'new-password' : 'repeat-password')?.focus();
      return;
    }
    form.submit({ token, password }, { onSuccess: onDone });
  }

  return (
    <Form
      form={form}
      onSubmit={submit}
      submitLabel={t('activate.save')}
      errorTitle={t('activate.failed')}
      fieldLabels={{ password: t('activate.newPassword'), token: t('activate.title') }}
      intro={<p>{t('activate.intro')}</p>}
      className="form--narrow"
    >
      <TextField
        id="new-password"
        label={t('activate.newPassword')}
        required
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={local.password ?? form.errors['password']}
      />
      <TextField
        id="repeat-password"
        label={t('activate.repeat')}
        required
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        error={local.repeat}
      />
    </Form>
  );
}
