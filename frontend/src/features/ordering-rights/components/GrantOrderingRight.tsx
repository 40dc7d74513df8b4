import { useState } from 'react';
import {
  Alert,
  ErrorMessage,
  FieldGroup,
  Form,
  Radio,
  SelectField,
  TextField,
  errorText,
  focusFirstInvalid,
  useFormMutation,
} from '@/components';
import type { components } from '@/lib/api';
import { useT, type Translate } from '@/lib/i18n';
import { useCreateColleague } from '../api/create-colleague';
import type { Colleague } from '../api/get-colleagues';
import { useGrantOrderingRight } from '../api/grant-ordering-right';
import '../words';

type Me = components['schemas']['Me'];

interface Props {
  me: Pick<Me, 'id' | 'roles'>;
  provider: { id: string; name: string };
  colleagues: Colleague[] | undefined;
  colleaguesError: unknown;
}

interface Done {
  tone: 'success' | 'error';
  title?: string;
  text: string;
  key: number;
}

/** The plain-language texts for what the API may refuse when granting. */
function grantMessages(t: Translate, name: string, provider: string) {
  return {
    already_granted: t('orderingRights.alreadyGranted', { name, provider }),
    self_grant_forbidden: t('orderingRights.selfGrant'),
    no_ordering_right: t('orderingRights.notYours', { provider }),
  };
}

/**
 * Giving a colleague an ordering right: pick an account of the provider that has none, or create the
 * colleague's account first (name, email; never roles, never a password: the colleague gets an activation link).
 * Support grants to the new account at once; an orderer cannot grant to an account they created
 * (rule 17), so another orderer or support does that.
 */
export function GrantOrderingRight({ me, provider, colleagues, colleaguesError }: Props) {
  const t = useT();
  const candidates = (colleagues ?? []).filter(
    (a) => a.active && a.id !== me.id && !a.orders_for.includes(provider.id),
  );
  // Unchosen until the user chooses (or starts creating an account, which pins 'new').
  const [mode, setMode] = useState<'existing' | 'new' | null>(null);
  const [preselect, setPreselect] = useState<string>('');
  const [done, setDone] = useState<Done | null>(null);
  const effectiveMode = candidates.length === 0 ? 'new' : (mode ?? 'existing');

  return (
    <section aria-labelledby="grant-heading" className="section card">
      <h2 id="grant-heading">{t('orderingRights.grantHeading')}</h2>
      <p>{t('orderingRights.grantIntro', { provider: provider.name })}</p>
      {done && (
        <Alert tone={done.tone} title={done.title} focus focusKey={done.key}>
          <p>{done.text}</p>
        </Alert>
      )}
      {colleaguesError ? (
        <ErrorMessage error={colleaguesError} title={t('orderingRights.colleaguesError')} />
      ) : !colleagues ? null : candidates.length > 0 ? (
        <FieldGroup legend={t('orderingRights.hasAccount')} role="radiogroup">
          <Radio
            name="grant-mode"
            value="existing"
            label={t('orderingRights.modeExisting')}
            checked={effectiveMode === 'existing'}
            onChange={() => setMode('existing')}
          />
          <Radio
            name="grant-mode"
            value="new"
            label={t('orderingRights.modeNew')}
            checked={effectiveMode === 'new'}
            onChange={() => setMode('new')}
          />
        </FieldGroup>
      ) : (
        <p>{t('orderingRights.noCandidates', { provider: provider.name })}</p>
      )}
      {colleagues &&
        (effectiveMode === 'existing' ? (
          <GrantExistingForm
            key={preselect}
            provider={provider}
            candidates={candidates}
            initial={preselect}
            onDone={(name) => {
              setPreselect('');
              setDone({ tone: 'success', text: t('orderingRights.granted', { name, provider: provider.name }), key: Date.now() });
            }}
          />
        ) : (
          <NewColleagueForm
            provider={provider}
            grants={me.roles.includes('admin')}
            onStart={() => setMode('new')}
            onDone={(name, granted) =>
              setDone({
                tone: 'success',
                text: `${t(granted ? 'orderingRights.createdAndGranted' : 'orderingRights.createdForOthersToGrant', { name, provider: provider.name })} ${t('invite.colleagueGetsLink')}`,
                key: Date.now(),
              })
            }
            onCreatedNotGranted={(account, error) => {
              // The account exists now: offer it in the list, chosen, to try the grant again.
              setPreselect(account.id);
              setMode('existing');
              setDone({
                tone: 'error',
                title: t('orderingRights.grantFailed'),
                text: t('orderingRights.createdNotGranted', {
                  name: account.name,
                  reason: errorText(error, t, grantMessages(t, account.name, provider.name)),
                }),
                key: Date.now(),
              });
            }}
          />
        ))}
    </section>
  );
}

function GrantExistingForm({
  provider,
  candidates,
  initial,
  onDone,
}: {
  provider: { id: string; name: string };
  candidates: Colleague[];
  initial: string;
  onDone: (name: string) => void;
}) {
  const t = useT();
  const [accountId, setAccountId] = useState(initial);
  const [missing, setMissing] = useState(false);
  const chosen = candidates.find((a) => a.id === accountId);
  // Even if the form is gone: granting may take the last candidate away, and this form with it.
  const grant = useFormMutation(useGrantOrderingRight(provider.id), {
    messages: grantMessages(t, chosen?.name ?? '', provider.name),
    evenIfGone: true,
  });

  function submit() {
    if (!chosen) {
      setMissing(true);
      focusFirstInvalid(grant.formRef.current);
      return;
    }
    setMissing(false);
    grant.submit(chosen.id, {
      onSuccess: () => {
        setAccountId('');
        onDone(chosen.name);
      },
    });
  }

  return (
    <Form
      form={grant}
      onSubmit={submit}
      submitLabel={t('orderingRights.grant')}
      errorTitle={t('orderingRights.grantFailed')}
      fieldLabels={{ account_id: t('orderingRights.colleague') }}
      className="form--narrow"
    >
      <SelectField
        id="grant-account"
        label={t('orderingRights.colleague')}
        required
        value={accountId}
        onChange={(e) => setAccountId(e.target.value)}
        error={missing ? t('orderingRights.chooseColleagueError') : grant.errors['account_id']}
      >
        <option value="">{t('orderingRights.chooseColleague')}</option>
        {candidates.map((a) => (
          <option key={a.id} value={a.id}>
            {t('orderingRights.colleagueOption', { name: a.name, email: a.email })}
          </option>
        ))}
      </SelectField>
    </Form>
  );
}

interface NewValues {
  name: string;
  email: string;
  personalNumber: string;
}
const emptyNew: NewValues = { name: '', email: '', personalNumber: '' };

function NewColleagueForm({
  provider,
  grants,
  onStart,
  onDone,
  onCreatedNotGranted,
}: {
  provider: { id: string; name: string };
  /** Whether the caller grants the new account its right at once (support). */
  grants: boolean;
  onStart: () => void;
  onDone: (name: string, granted: boolean) => void;
  onCreatedNotGranted: (account: Colleague, error: unknown) => void;
}) {
  const t = useT();
  // Callbacks even if this form is replaced meanwhile: the grant must follow the new account.
  const create = useFormMutation(useCreateColleague(), {
    messages: { already_exists: t('orderingRights.emailTaken') },
    codeFields: { already_exists: 'email' },
    evenIfGone: true,
  });
  const grant = useGrantOrderingRight(provider.id);
  const [values, setValues] = useState<NewValues>(emptyNew);
  const busy = create.pending || grant.isPending;
  const set = (patch: Partial<NewValues>) => setValues({ ...values, ...patch });

  async function grantTo(account: Colleague) {
    if (grants) {
      try {
        await grant.mutateAsync(account.id);
      } catch (error) {
        onCreatedNotGranted(account, error);
        return;
      }
    }
    setValues(emptyNew);
    onDone(account.name, grants);
  }

  function submit() {
    onStart();
    create.submit(
      {
        provider_id: provider.id,
        name: values.name.trim(),
        email: values.email.trim(),
        personal_number: values.personalNumber.trim() || null,
      },
      { onSuccess: (account) => void grantTo(account) },
    );
  }

  const errors = create.errors;
  return (
    <Form
      form={create}
      onSubmit={submit}
      busy={busy}
      submitLabel={t(grants ? 'orderingRights.createAndGrant' : 'orderingRights.createAccount')}
      errorTitle={t('orderingRights.createFailed')}
      fieldLabels={{
        name: t('orderingRights.name'),
        email: t('orderingRights.email'),
        personal_number: t('orderingRights.personalNumber'),
      }}
      intro={<p>{t('orderingRights.newIntro', { provider: provider.name })}</p>}
      className="form--narrow"
    >
      <TextField
        id="colleague-name"
        label={t('orderingRights.name')}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => set({ name: e.target.value })}
        error={errors['name']}
      />
      <TextField
        id="colleague-email"
        label={t('orderingRights.email')}
        required
        type="email"
        inputMode="email"
        autoComplete="off"
        spellCheck={false}
        value={values.email}
        onChange={(e) => set({ email: e.target.value })}
        error={errors['email']}
      />
      <TextField
        id="colleague-pnr"
        label={t('orderingRights.personalNumber')}
        hint={t('orderingRights.personalNumberHint')}
        autoComplete="off"
        value={values.personalNumber}
        onChange={(e) => set({ personalNumber: e.target.value })}
        error={errors['personal_number']}
        className="field--short"
      />
    </Form>
  );
}
