import { Checkbox, FieldGroup, SelectField, TextField } from '@/components';
import { fieldErrorAt, type components } from '@/lib/api';
import { useT, type MessageKey, type Translate } from '@/lib/i18n';
import type { Account, Role } from '../api/get-accounts';

export type ProviderOption = Pick<components['schemas']['ProviderDto'], 'id' | 'name' | 'active'>;

/** The roles support can give, in the order the form shows them. */
export const ROLES = ['admin', 'it'] as const satisfies readonly Role[];
type Unoffered = Exclude<Role, (typeof ROLES)[number]>;
const everyRoleOffered: Unoffered extends never ? true : never = true;
void everyRoleOffered;

export const roleLabel = (role: Role): MessageKey => `accounts.role.${role}` as MessageKey;

export interface AccountValues {
  name: string;
  email: string;
  personalNumber: string;
  providerId: string;
  roles: Record<Role, boolean>;
}

export function emptyAccountValues(): AccountValues {
  return { name: '', email: '', personalNumber: '', providerId: '', roles: { admin: false, it: false } };
}

export function accountValues(account: Account): AccountValues {
  return {
    name: account.name,
    email: account.email,
    personalNumber: account.personal_number ?? '',
    providerId: account.provider_id ?? '',
    roles: { admin: account.roles.includes('admin'), it: account.roles.includes('it') },
  };
}

/** The fields every account body shares (create and change). */
export function accountBody(values: AccountValues) {
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    personal_number: values.personalNumber.trim() || null,
    provider_id: values.providerId || null,
    roles: ROLES.filter((role) => values.roles[role]),
  };
}

/** The problem codes an account form knows: a taken email is said at the email field too. */
export function accountFormOptions(t: Translate) {
  return { messages: { already_exists: t('accounts.emailTaken') }, codeFields: { already_exists: 'email' } };
}

export function accountFieldLabels(t: Translate): Record<string, string> {
  return {
    name: t('accounts.name'),
    email: t('accounts.email'),
    personal_number: t('accounts.personalNumber'),
    provider_id: t('accounts.provider'),
    roles: t('accounts.roles'),
  };
}

/**
 * An account's details for support: name, email, personal number, provider and roles. No password:
 * the person chooses their own through the emailed activation link (rule 16).
 */
export function AccountFields({
  values,
  onChange,
  errors,
  providers,
  idPrefix,
}: {
  values: AccountValues;
  onChange: (values: AccountValues) => void;
  errors: Record<string, string>;
  providers: ProviderOption[];
  idPrefix: string;
}) {
  const t = useT();
  const set = (patch: Partial<AccountValues>) => onChange({ ...values, ...patch });
  // Inactive providers are offered only to the account that already belongs to one.
  const options = providers.filter((p) => p.active || p.id === values.providerId);
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('accounts.name')}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => set({ name: e.target.value })}
        error={errors['name']}
      />
      <TextField
        id={`${idPrefix}-email`}
        label={t('accounts.email')}
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
        id={`${idPrefix}-pnr`}
        label={t('accounts.personalNumber')}
        hint={t('accounts.personalNumberHint')}
        autoComplete="off"
        value={values.personalNumber}
        onChange={(e) => set({ personalNumber: e.target.value })}
        error={errors['personal_number']}
        className="field--short"
      />
      <SelectField
        id={`${idPrefix}-provider`}
        label={t('accounts.provider')}
        hint={t('accounts.providerHint')}
        value={values.providerId}
        onChange={(e) => set({ providerId: e.target.value })}
        error={errors['provider_id']}
      >
        <option value="">{t('accounts.noProvider')}</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <FieldGroup legend={t('accounts.roles')} hint={t('accounts.rolesHint')} error={fieldErrorAt(errors, 'roles')}>
        {ROLES.map((role) => (
          <Checkbox
            key={role}
            id={`${idPrefix}-role-${role}`}
            label={t(roleLabel(role))}
            checked={values.roles[role]}
            onChange={(e) => set({ roles: { ...values.roles, [role]: e.target.checked } })}
          />
        ))}
      </FieldGroup>
    </>
  );
}
