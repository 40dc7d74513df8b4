import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, TextField, errorText } from '@/components';
import { ApiError, fieldErrors } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { useLogin } from '../api/login';

export interface LoginFormProps {
  onSuccess: () => void;
}

type Errors = { email?: string | undefined; password?: string | undefined };

/**
 * Email and password. Empty fields are pointed out before anything is sent; everything else
 * (wrong password, throttling, a locked account) is the API's message, shown as it says it.
 */
export function LoginForm({ onSuccess }: LoginFormProps) {
  const t = useT();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const missing: Errors = {
      email: email.trim() ? undefined : t('login.emailRequired'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setErrors(missing);
    if (missing.email || missing.password) {
      (missing.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess,
        onError: (error) => {
          const fields = fieldErrors(error);
          setErrors({ email: fields['email'], password: fields['password'] });
          if (!(error instanceof ApiError) || error.status !== 422) setPassword('');
        },
      },
    );
  }

  const apiError = login.error;
  const summaryId = 'login-error';

  return (
    <form className="form form--narrow" noValidate onSubmit={submit} aria-describedby={apiError ? summaryId : undefined}>
      {apiError && (
        <Alert tone="error" title={t('login.failed')} id={summaryId}>
          <p>{errorText(apiError, t)}</p>
        </Alert>
      )}
      <TextField
        ref={emailRef}
        label={t('login.email')}
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.email}
      />
      <TextField
        ref={passwordRef}
        label={t('login.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <Button type="submit" busy={login.isPending}>
        {t('login.submit')}
      </Button>
    </form>
  );
}
