import { type FormEvent, type ReactNode, type Ref } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Checkbox,
  ErrorMessage,
  errorText,
  FieldGroup,
  FormError,
  Loading,
  Radio,
  SelectField,
  TextAreaField,
  TextField,
} from '@/components';
import { ApiError } from '@/lib/api';
import { useT, type MessageKey } from '@/lib/i18n';
import type { ExtraField, OrderKind, OrderPermission, OrderSystem, OrderUnit } from '../api/types';
import {
  activeOrCurrent,
  extraFieldsFor,
  FIELD_PATHS,
  formFieldErrors,
  offersExpertUser,
  permissionsOf,
  requiredFields,
  unitsToOffer,
  type OrderFormValues,
} from './order-form';
import '../words';

export interface ProviderChoice {
  id: string;
  name: string;
}

export interface OrderFormProps {
  values: OrderFormValues;
  onChange: (values: OrderFormValues) => void;
  onSubmit: () => void;
  /** The providers the orderer may choose between; with one, it is shown, not asked. */
  providers: ProviderChoice[];
  /** A saved order's provider cannot change. */
  providerFixed?: boolean;
  systems: OrderSystem[];
  permissions: OrderPermission[];
  /** The chosen provider's units; undefined while they load. */
  units: OrderUnit[] | undefined;
  unitsError?: unknown;
  /** The API's refusal of the last attempt: its field errors stand beside their fields. */
  error: unknown;
  busy: boolean;
  errorTitle: string;
  formRef?: Ref<HTMLFormElement>;
  /** Shown above the fields (e.g. "the person is filled in from your last order"). */
  notice?: ReactNode;
  /** Beside the save button (e.g. a link back). */
  secondaryAction?: ReactNode;
  /** The address of an order: a refusal naming an open order links to it. */
  orderHref?: (id: string) => string;
}

export const extraFieldLabel = (field: ExtraField): MessageKey => `extraField.${field}` as MessageKey;

const EXTRA_VALUE: Record<ExtraField, 'lifecareTitle' | 'profession' | 'justification'> = {
  lifecare_title: 'lifecareTitle',
  profession: 'profession',
  justification: 'justification',
};

/**
 * The order form (Ny beställning, and a draft's changes): kind, provider, system, permission with its
 * description, units, the person, the system's extra fields exactly as it declares them, expert user,
 * end date and comment. Mandatory fields carry the red star; nothing is refused here: the API checks
 * the order and its messages appear beside the fields they are about.
 */
export function OrderForm({
  values,
  onChange,
  onSubmit,
  providers,
  providerFixed = false,
  systems,
  permissions,
  units,
  unitsError,
  error,
  busy,
  errorTitle,
  formRef,
  notice,
  secondaryAction,
  orderHref,
}: OrderFormProps) {
  const t = useT();
  const set = (patch: Partial<OrderFormValues>) => onChange({ ...values, ...patch });
  const errors = formFieldErrors(error);
  const required = requiredFields(values);

  const systemChoices = activeOrCurrent(systems, values.systemId).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const system = systems.find((s) => s.id === values.systemId);
  const permissionChoices = values.systemId ? permissionsOf(permissions, values.systemId, values.permissionId) : [];
  const permission = permissions.find((p) => p.id === values.permissionId);
  const extras = extraFieldsFor(system, values.kind);
  const provider = providers.find((p) => p.id === values.providerId);
  const unitChoices = units ? unitsToOffer(units, values.unitIds) : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy) onSubmit();
  }

  function toggleUnit(id: string, checked: boolean) {
    set({ unitIds: checked ? [...values.unitIds, id] : values.unitIds.filter((u) => u !== id) });
  }

  const fieldLabels: Record<string, string> = {
    [FIELD_PATHS.kind]: t('order.kind'),
    [FIELD_PATHS.provider]: t('order.provider'),
    [FIELD_PATHS.permission]: t('order.permission'),
    [FIELD_PATHS.units]: t('order.units'),
    [FIELD_PATHS.firstName]: t('order.firstName'),
    [FIELD_PATHS.lastName]: t('order.lastName'),
    [FIELD_PATHS.personalNumber]: t('order.personalNumber'),
    [FIELD_PATHS.email]: t('order.email'),
    [FIELD_PATHS.phone]: t('order.phone'),
    [FIELD_PATHS.lifecare_title]: t('extraField.lifecare_title'),
    [FIELD_PATHS.profession]: t('extraField.profession'),
    [FIELD_PATHS.justification]: t('extraField.justification'),
    [FIELD_PATHS.expertUser]: t('order.expertUser'),
    [FIELD_PATHS.validTo]: t('order.validTo'),
    [FIELD_PATHS.comment]: t('order.comment'),
    subject: t('order.section.person'),
  };

  return (
    <form ref={formRef} className="form form--medium order-form" noValidate onSubmit={submit}>
      <p className="muted">{t('order.requiredNote')}</p>
      {/* Field problems are summarised here, above the fields; a refusal of the whole order stands beside Spara. */}
      {isFieldRefusal(error) && (
        <FormError error={error} title={errorTitle} messages={orderProblemMessages(t)} fieldLabels={fieldLabels} />
      )}
      {notice}

      <section className="form-section" aria-labelledby="order-what-heading">
        <h2 id="order-what-heading">{t('order.section.what')}</h2>
        <FieldGroup legend={t('order.kind')} role="radiogroup" required error={errors.kind}>
          {(['grant', 'revoke'] as OrderKind[]).map((kind) => (
            <Radio
              key={kind}
              name="order-kind"
              value={kind}
              label={t(`order.kind.${kind}`)}
              checked={values.kind === kind}
              onChange={() => set({ kind })}
            />
          ))}
        </FieldGroup>

        {providers.length > 1 && !providerFixed ? (
          <SelectField
            id="order-provider"
            label={t('order.provider')}
            required
            value={values.providerId}
            onChange={(e) => set({ providerId: e.target.value, unitIds: [] })}
            error={errors.provider}
          >
            <option value="">{t('order.chooseProvider')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        ) : (
          provider && (
            <p className="order-form__provider">
              <span className="field__label">{t('order.provider')}:</span> {provider.name}
            </p>
          )
        )}

        <SelectField
          id="order-system"
          label={t('order.system')}
          required
          value={values.systemId}
          onChange={(e) => set({ systemId: e.target.value, permissionId: '' })}
        >
          <option value="">{t('order.chooseSystem')}</option>
          {systemChoices.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>

        <SelectField
          id="order-permission"
          label={t('order.permission')}
          required
          value={values.permissionId}
          onChange={(e) => set({ permissionId: e.target.value })}
          error={errors.permission}
          hint={permission?.description ? t('order.permissionDescription', { text: permission.description }) : undefined}
        >
          <option value="">{values.systemId ? t('order.choosePermission') : t('order.chooseSystemFirst')}</option>
          {permissionChoices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>

        <FieldGroup
          legend={t('order.units')}
          required
          error={errors.units}
          hint={provider ? t('order.unitsHint', { provider: provider.name }) : undefined}
        >
          {!values.providerId ? (
            <p className="muted">{t('order.chooseProviderFirst')}</p>
          ) : unitsError ? (
            <ErrorMessage error={unitsError} title={t('order.unitsError')} />
          ) : !unitChoices ? (
            <Loading />
          ) : unitChoices.length === 0 ? (
            <p>{t('order.noUnits')}</p>
          ) : (
            <div className="order-form__units">
              {unitChoices.map((unit) => (
                <Checkbox
                  key={unit.id}
                  id={`order-unit-${unit.id}`}
                  label={unit.name}
                  checked={values.unitIds.includes(unit.id)}
                  onChange={(e) => toggleUnit(unit.id, e.target.checked)}
                />
              ))}
            </div>
          )}
        </FieldGroup>
      </section>

      <section className="form-section" aria-labelledby="order-person-heading">
        <h2 id="order-person-heading">{t('order.section.person')}</h2>
        <div className="form-row">
          <TextField
            id="order-first-name"
            label={t('order.firstName')}
            required
            autoComplete="off"
            value={values.firstName}
            onChange={(e) => set({ firstName: e.target.value })}
            error={errors.firstName}
          />
          <TextField
            id="order-last-name"
            label={t('order.lastName')}
            required
            autoComplete="off"
            value={values.lastName}
            onChange={(e) => set({ lastName: e.target.value })}
            error={errors.lastName}
          />
        </div>
        <TextField
          id="order-personal-number"
          label={t('order.personalNumber')}
          hint={t('order.personalNumberHint')}
          required
          autoComplete="off"
          inputMode="text"
          spellCheck={false}
          className="field--short"
          value={values.personalNumber}
          onChange={(e) => set({ personalNumber: e.target.value })}
          error={errors.personalNumber}
        />
        <TextField
          id="order-email"
          label={t('order.email')}
          hint={offersExpertUser(values.kind) ? t('order.emailHint') : undefined}
          required={required.email}
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={(e) => set({ email: e.target.value })}
          error={errors.email}
        />
        <TextField
          id="order-phone"
          label={t('order.phone')}
          type="tel"
          autoComplete="off"
          className="field--short"
          value={values.phone}
          onChange={(e) => set({ phone: e.target.value })}
          error={errors.phone}
        />
        {extras.map(({ field, options }) => {
          const label = t(extraFieldLabel(field));
          const key = EXTRA_VALUE[field];
          const common = {
            id: `order-${field.replace('_', '-')}`,
            label,
            required: true,
            hint: t('order.extraHint', { system: system?.name ?? '' }),
            value: values[key],
            error: errors[field],
          };
          return options ? (
            <SelectField key={field} {...common} onChange={(e) => set({ [key]: e.target.value })}>
              <option value="">{t('order.chooseValue')}</option>
              {options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </SelectField>
          ) : (
            <TextField key={field} {...common} autoComplete="off" onChange={(e) => set({ [key]: e.target.value })} />
          );
        })}
        {offersExpertUser(values.kind) && (
          <Checkbox
            id="order-expert-user"
            label={t('order.expertUser')}
            hint={t('order.expertUserHint')}
            checked={values.expertUser}
            onChange={(e) => set({ expertUser: e.target.checked })}
            error={errors.expertUser}
          />
        )}
      </section>

      <section className="form-section" aria-labelledby="order-more-heading">
        <h2 id="order-more-heading">{t('order.section.more')}</h2>
        <TextField
          id="order-valid-to"
          label={t('order.validTo')}
          hint={t('order.validToHint')}
          type="date"
          className="field--short"
          value={values.validTo}
          onChange={(e) => set({ validTo: e.target.value })}
          error={errors.validTo}
        />
        <TextAreaField
          id="order-comment"
          label={t('order.comment')}
          hint={t('order.commentHint')}
          rows={3}
          value={values.comment}
          onChange={(e) => set({ comment: e.target.value })}
          error={errors.comment}
        />
      </section>

      <div className="form-actions">
        <Button type="submit" busy={busy}>
          {t('order.save')}
        </Button>
        {secondaryAction}
      </div>
      {error != null && !isFieldRefusal(error) && (
        <FormLevelError error={error} title={errorTitle} orderHref={orderHref} />
      )}
    </form>
  );
}

/** Plain words for the problems of a whole order (its fields' problems stand beside the fields). */
export function orderProblemMessages(t: (key: MessageKey, vars?: Record<string, string | number>) => string) {
  return {
    validation_failed: t('order.validationFailed'),
    duplicate_open_order: t('order.duplicateOpenOrder'),
    no_ordering_right: t('order.noOrderingRight'),
    precondition_failed: t('order.stale'),
    invalid_transition: t('order.notDraftAnymore'),
  };
}

/** A 422 names fields: its summary goes above them; any other refusal is about the whole order. */
function isFieldRefusal(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 422;
}

/**
 * A refusal of the whole order (a duplicate open order, no ordering right, a stale version), right
 * below the button that caused it and focused, so that keyboard and screen reader users meet it
 * where they are; a duplicate links to the open order it clashes with.
 */
function FormLevelError({ error, title, orderHref }: { error: unknown; title: string; orderHref?: (id: string) => string }) {
  const t = useT();
  const open = error instanceof ApiError ? error.problem?.open_order : undefined;
  return (
    <Alert tone="error" title={title} focus focusKey={error} className="form-level-error">
      <p>{errorText(error, t, orderProblemMessages(t))}</p>
      {open && orderHref && (
        <p>
          <Link to={orderHref(open.id)}>{t('order.openTheOpenOrder', { reference: open.reference })}</Link>
        </p>
      )}
    </Alert>
  );
}
