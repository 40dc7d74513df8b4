import { TextField } from '@/components';
import { useT, type Translate } from '@/lib/i18n';

export interface ProviderValues {
  name: string;
  orgNumber: string;
}

/** Name and organisation number of a provider, with the API's messages beside them. */
export function ProviderFields({
  values,
  onChange,
  errors,
  idPrefix,
}: {
  values: ProviderValues;
  onChange: (values: ProviderValues) => void;
  errors: Record<string, string>;
  idPrefix: string;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('providers.name')}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => onChange({ ...values, name: e.target.value })}
        error={errors['name']}
      />
      <TextField
        id={`${idPrefix}-org`}
        label={t('providers.orgNumber')}
        hint={t('providers.orgNumberHint')}
        autoComplete="off"
        inputMode="numeric"
        value={values.orgNumber}
        onChange={(e) => onChange({ ...values, orgNumber: e.target.value })}
        error={errors['org_number']}
        className="field--short"
      />
    </>
  );
}

/** The body fields for the API: an empty organisation number is none. */
export function providerBody(values: ProviderValues) {
  return { name: values.name.trim(), org_number: values.orgNumber.trim() || null };
}

/** Labels of the provider form's fields by JSON path, for the error summary. */
export function providerFieldLabels(t: Translate) {
  return { name: t('providers.name'), org_number: t('providers.orgNumber') };
}
