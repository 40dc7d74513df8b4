import { useState } from 'react';
import {
  Alert,
  Button,
  ConfirmDialog,
  ErrorMessage,
  Form,
  FormDialog,
  Loading,
  StatusTag,
  Table,
  TextField,
  errorText,
  useFormMutation,
} from '@/components';
import { useT } from '@/lib/i18n';
import { useCreateUnit } from '../api/create-unit';
import { useUnits, type Unit } from '../api/get-units';
import { useUpdateUnit } from '../api/update-unit';

interface UnitValues {
  name: string;
  code: string;
}

const unitBody = (v: UnitValues) => ({ name: v.name.trim(), code: v.code.trim() || null });

function UnitFields({
  values,
  onChange,
  errors,
  idPrefix,
}: {
  values: UnitValues;
  onChange: (v: UnitValues) => void;
  errors: Record<string, string>;
  idPrefix: string;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('units.name')}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => onChange({ ...values, name: e.target.value })}
        error={errors['name']}
      />
      <TextField
        id={`${idPrefix}-code`}
        label={t('units.code')}
        hint={t('units.codeHint')}
        autoComplete="off"
        spellCheck={false}
        value={values.code}
        onChange={(e) => onChange({ ...values, code: e.target.value })}
        error={errors['code']}
      />
    </>
  );
}

/** A provider's units for support: list, add, change, retire and reactivate. */
export function UnitsAdmin({ providerId, providerName }: { providerId: string; providerName: string }) {
  const t = useT();
  const units = useUnits(providerId);
  const update = useUpdateUnit(providerId);
  const [editing, setEditing] = useState<Unit | null>(null);
  const [retiring, setRetiring] = useState<Unit | null>(null);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string; key: number } | null>(null);

  function setActive(unit: Unit, active: boolean) {
    update.mutate(
      { id: unit.id, body: { active } },
      {
        onSuccess: () => {
          setRetiring(null);
          setResult({
            tone: 'success',
            text: t(active ? 'units.reactivated' : 'units.retired', { name: unit.name }),
            key: Date.now(),
          });
        },
        onError: (error) => {
          setRetiring(null);
          setResult({ tone: 'error', text: errorText(error, t), key: Date.now() });
        },
      },
    );
  }

  return (
    <section aria-labelledby="units-heading" className="section">
      <h2 id="units-heading">{t('units.heading')}</h2>
      {result && (
        <Alert tone={result.tone} focus focusKey={result.key}>
          {result.text}
        </Alert>
      )}
      {units.isPending ? (
        <Loading />
      ) : units.isError ? (
        <ErrorMessage error={units.error} />
      ) : units.data.length === 0 ? (
        <p>{t('units.none', { name: providerName })}</p>
      ) : (
        <Table caption={t('units.caption', { name: providerName })}>
          <thead>
            <tr>
              <th scope="col">{t('units.name')}</th>
              <th scope="col">{t('units.code')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {units.data.map((unit) => (
              <tr key={unit.id}>
                <th scope="row">{unit.name}</th>
                <td>{unit.code ?? '–'}</td>
                <td>
                  <StatusTag active={unit.active} inactiveLabel={t('units.retiredStatus')} />
                </td>
                <td>
                  <div className="table__actions">
                    <Button variant="secondary" className="button--small" onClick={() => setEditing(unit)}>
                      {t('common.edit')}
                      <span className="visually-hidden"> {unit.name}</span>
                    </Button>
                    {unit.active ? (
                      <Button variant="secondary" className="button--small" onClick={() => setRetiring(unit)}>
                        {t('units.retire')}
                        <span className="visually-hidden"> {unit.name}</span>
                      </Button>
                    ) : (
                      <Button
                        variant="secondary"
                        className="button--small"
                        busy={update.isPending && update.variables?.id === unit.id}
                        onClick={() => setActive(unit, true)}
                      >
                        {t('units.reactivate')}
                        <span className="visually-hidden"> {unit.name}</span>
                      </Button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editing && (
        <EditUnitDialog
          providerId={providerId}
          unit={editing}
          onClose={() => setEditing(null)}
          onSaved={(unit) => {
            setEditing(null);
            setResult({ tone: 'success', text: t('units.saved', { name: unit.name }), key: Date.now() });
          }}
        />
      )}
      {retiring && (
        <ConfirmDialog
          title={t('units.retireTitle', { name: retiring.name })}
          confirmLabel={t('units.retire')}
          busy={update.isPending}
          onConfirm={() => setActive(retiring, false)}
          onCancel={() => setRetiring(null)}
        >
          <p>{t('units.retireBody')}</p>
        </ConfirmDialog>
      )}
      <div className="card">
        <h3>{t('units.createHeading')}</h3>
        <CreateUnitForm providerId={providerId} />
      </div>
    </section>
  );
}

function EditUnitDialog({
  providerId,
  unit,
  onClose,
  onSaved,
}: {
  providerId: string;
  unit: Unit;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
}) {
  const t = useT();
  const update = useFormMutation(useUpdateUnit(providerId), { messages: { already_exists: t('units.taken') } });
  const [values, setValues] = useState<UnitValues>({ name: unit.name, code: unit.code ?? '' });

  return (
    <FormDialog
      title={t('units.editTitle', { name: unit.name })}
      onClose={onClose}
      form={update}
      onSubmit={() => update.submit({ id: unit.id, body: unitBody(values) }, { onSuccess: onSaved })}
      submitLabel={t('common.saveChanges')}
      fieldLabels={{ name: t('units.name'), code: t('units.code') }}
    >
      <UnitFields idPrefix="unit-edit" values={values} onChange={setValues} errors={update.errors} />
    </FormDialog>
  );
}

function CreateUnitForm({ providerId }: { providerId: string }) {
  const t = useT();
  const create = useFormMutation(useCreateUnit(providerId), { messages: { already_exists: t('units.taken') } });
  const empty = { name: '', code: '' };
  const [values, setValues] = useState<UnitValues>(empty);
  const [added, setAdded] = useState<string | null>(null);

  function submit() {
    setAdded(null);
    create.submit(unitBody(values), {
      onSuccess: (unit) => {
        setAdded(unit.name);
        setValues(empty);
        create.formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
      },
    });
  }

  return (
    <Form
      form={create}
      onSubmit={submit}
      submitLabel={t('units.create')}
      fieldLabels={{ name: t('units.name'), code: t('units.code') }}
      notice={added && <Alert tone="success">{t('units.created', { name: added })}</Alert>}
      className="form--narrow"
    >
      <UnitFields idPrefix="unit-new" values={values} onChange={setValues} errors={create.errors} />
    </Form>
  );
}
