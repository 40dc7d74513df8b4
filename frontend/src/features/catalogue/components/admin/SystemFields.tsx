import { Checkbox, FieldGroup, TextAreaField, TextField } from '@/components';
import { fieldErrorAt } from '@/lib/api';
import { useT, type MessageKey } from '@/lib/i18n';
import type { ExtraField, System } from '../../api/get-systems';

/** The extra order fields a system can require, in the order the form shows them. */
export const EXTRA_FIELDS = ['lifecare_title', 'profession', 'justification'] as const satisfies readonly ExtraField[];
// Fails to compile when the API gains an extra field that the form does not offer.
type Unoffered = Exclude<ExtraField, (typeof EXTRA_FIELDS)[number]>;
const everyFieldOffered: Unoffered extends never ? true : never = true;
void everyFieldOffered;

export const extraFieldLabel = (field: ExtraField): MessageKey => `extraField.${field}` as MessageKey;

export interface SystemValues {
  name: string;
  description: string;
  required: Record<ExtraField, boolean>;
  /** One allowed value per line; empty means any value. */
  allowed: Record<ExtraField, string>;
}

export function emptySystemValues(): SystemValues {
  return {
    name: '',
    description: '',
    required: { lifecare_title: false, profession: false, justification: false },
    allowed: { lifecare_title: '', profession: '', justification: '' },
  };
}

export function systemValues(system: System): SystemValues {
  const values = emptySystemValues();
  values.name = system.name;
  values.description = system.description;
  for (const field of EXTRA_FIELDS) {
    values.required[field] = system.required_fields.includes(field);
    values.allowed[field] = (system.allowed_values?.[field] ?? []).join('\n');
  }
  return values;
}

/** The body for the API: the required fields, and allowed values for those of them that have a list. */
export function systemBody(values: SystemValues) {
  const required_fields = EXTRA_FIELDS.filter((field) => values.required[field]);
  const allowed_values: Record<string, string[]> = {};
  for (const field of required_fields) {
    const list = values.allowed[field]
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (list.length > 0) allowed_values[field] = list;
  }
  return { name: values.name.trim(), description: values.description.trim(), required_fields, allowed_values };
}

/** Labels of the system form's fields by JSON path, for the error summary. */
export function systemFieldLabels(t: (key: MessageKey, vars?: Record<string, string>) => string) {
  const labels: Record<string, string> = {
    name: t('systems.name'),
    description: t('systems.description'),
    required_fields: t('systems.requiredFields'),
  };
  for (const field of EXTRA_FIELDS) {
    labels[`allowed_values.${field}`] = t('systems.allowedValues', { field: t(extraFieldLabel(field)) });
  }
  return labels;
}

/**
 * Name, description, and which extra fields the system's grant orders require (rules 4 and 5 as
 * data), each with its list of allowed values. A list appears under its field once it is required.
 */
export function SystemFields({
  values,
  onChange,
  errors,
  idPrefix,
}: {
  values: SystemValues;
  onChange: (values: SystemValues) => void;
  errors: Record<string, string>;
  idPrefix: string;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('systems.name')}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => onChange({ ...values, name: e.target.value })}
        error={errors['name']}
      />
      <TextAreaField
        id={`${idPrefix}-description`}
        label={t('systems.description')}
        hint={t('systems.descriptionHint')}
        value={values.description}
        onChange={(e) => onChange({ ...values, description: e.target.value })}
        error={errors['description']}
      />
      <FieldGroup
        legend={t('systems.requiredFields')}
        hint={t('systems.requiredFieldsHint')}
        error={fieldErrorAt(errors, 'required_fields')}
      >
        {EXTRA_FIELDS.map((field) => {
          const label = t(extraFieldLabel(field));
          return (
            <div key={field} className="conditional">
              <Checkbox
                id={`${idPrefix}-requires-${field}`}
                label={label}
                checked={values.required[field]}
                onChange={(e) => onChange({ ...values, required: { ...values.required, [field]: e.target.checked } })}
              />
              {values.required[field] && (
                <div className="conditional__content">
                  <TextAreaField
                    id={`${idPrefix}-allowed-${field}`}
                    label={t('systems.allowedValues', { field: label })}
                    hint={t('systems.allowedValuesHint')}
                    rows={5}
                    value={values.allowed[field]}
                    onChange={(e) => onChange({ ...values, allowed: { ...values.allowed, [field]: e.target.value } })}
                    error={fieldErrorAt(errors, `allowed_values.${field}`)}
                  />
                </div>
              )}
            </div>
          );
        })}
      </FieldGroup>
    </>
  );
}
