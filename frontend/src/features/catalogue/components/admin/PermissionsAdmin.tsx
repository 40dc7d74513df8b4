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
  TextAreaField,
  TextField,
  errorText,
  useFormMutation,
} from '@/components';
import { useT } from '@/lib/i18n';
import { useCreatePermission } from '../../api/create-permission';
import { usePermissions, type Permission } from '../../api/get-permissions';
import type { System } from '../../api/get-systems';
import { useUpdatePermission } from '../../api/update-permission';

interface PermissionValues {
  name: string;
  description: string;
}

const permissionBody = (v: PermissionValues) => ({ name: v.name.trim(), description: v.description.trim() });

function PermissionFields({
  values,
  onChange,
  errors,
  idPrefix,
}: {
  values: PermissionValues;
  onChange: (v: PermissionValues) => void;
  errors: Record<string, string>;
  idPrefix: string;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label={t('permissions.name')}
        required
        autoComplete="off"
        value={values.name}
        onChange={(e) => onChange({ ...values, name: e.target.value })}
        error={errors['name']}
      />
      <TextAreaField
        id={`${idPrefix}-description`}
        label={t('permissions.description')}
        hint={t('permissions.descriptionHint')}
        value={values.description}
        onChange={(e) => onChange({ ...values, description: e.target.value })}
        error={errors['description']}
      />
    </>
  );
}

/** A system's permissions for support: list, add, change, retire and reactivate. */
export function PermissionsAdmin({ system }: { system: System }) {
  const t = useT();
  const permissions = usePermissions(system.id);
  const update = useUpdatePermission();
  const [editing, setEditing] = useState<Permission | null>(null);
  const [retiring, setRetiring] = useState<Permission | null>(null);
  const [result, setResult] = useState<{ tone: 'success' | 'error'; text: string; key: number } | null>(null);
  const list = [...(permissions.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  function setActive(permission: Permission, active: boolean) {
    update.mutate(
      { id: permission.id, body: { active } },
      {
        onSuccess: () => {
          setRetiring(null);
          setResult({
            tone: 'success',
            text: t(active ? 'permissions.reactivated' : 'permissions.retired', { name: permission.name }),
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
    <section aria-labelledby="permissions-heading" className="section">
      <h2 id="permissions-heading">{t('permissions.heading', { system: system.name })}</h2>
      {result && (
        <Alert tone={result.tone} focus focusKey={result.key}>
          {result.text}
        </Alert>
      )}
      {permissions.isPending ? (
        <Loading />
      ) : permissions.isError ? (
        <ErrorMessage error={permissions.error} />
      ) : list.length === 0 ? (
        <p>{t('permissions.none')}</p>
      ) : (
        <Table caption={t('permissions.caption', { system: system.name })} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('permissions.name')}</th>
              <th scope="col">{t('permissions.description')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((permission) => (
              <tr key={permission.id}>
                <th scope="row">{permission.name}</th>
                <td>{permission.description || '–'}</td>
                <td>
                  <StatusTag active={permission.active} inactiveLabel={t('common.retired')} />
                </td>
                <td>
                  <div className="table__actions">
                    <Button variant="secondary" className="button--small" onClick={() => setEditing(permission)}>
                      {t('common.edit')}
                      <span className="visually-hidden"> {permission.name}</span>
                    </Button>
                    {permission.active ? (
                      <Button variant="secondary" className="button--small" onClick={() => setRetiring(permission)}>
                        {t('permissions.retire')}
                        <span className="visually-hidden"> {permission.name}</span>
                      </Button>
                    ) : (
                      <Button
                        variant="secondary"
                        className="button--small"
                        busy={update.isPending && update.variables?.id === permission.id}
                        onClick={() => setActive(permission, true)}
                      >
                        {t('permissions.reactivate')}
                        <span className="visually-hidden"> {permission.name}</span>
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
        <EditPermissionDialog
          permission={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setResult({ tone: 'success', text: t('permissions.saved', { name: saved.name }), key: Date.now() });
          }}
        />
      )}
      {retiring && (
        <ConfirmDialog
          title={t('permissions.retireTitle', { name: retiring.name })}
          confirmLabel={t('permissions.retire')}
          busy={update.isPending}
          onConfirm={() => setActive(retiring, false)}
          onCancel={() => setRetiring(null)}
        >
          <p>{t('permissions.retireBody')}</p>
        </ConfirmDialog>
      )}
      <div className="card">
        <h3>{t('permissions.createHeading', { system: system.name })}</h3>
        <CreatePermissionForm system={system} />
      </div>
    </section>
  );
}

function EditPermissionDialog({
  permission,
  onClose,
  onSaved,
}: {
  permission: Permission;
  onClose: () => void;
  onSaved: (permission: Permission) => void;
}) {
  const t = useT();
  const update = useFormMutation(useUpdatePermission(), { messages: { already_exists: t('permissions.taken') } });
  const [values, setValues] = useState<PermissionValues>({ name: permission.name, description: permission.description });

  return (
    <FormDialog
      title={t('permissions.editTitle', { name: permission.name })}
      onClose={onClose}
      form={update}
      onSubmit={() => update.submit({ id: permission.id, body: permissionBody(values) }, { onSuccess: onSaved })}
      submitLabel={t('common.saveChanges')}
      fieldLabels={{ name: t('permissions.name'), description: t('permissions.description') }}
    >
      <PermissionFields idPrefix="permission-edit" values={values} onChange={setValues} errors={update.errors} />
    </FormDialog>
  );
}

function CreatePermissionForm({ system }: { system: System }) {
  const t = useT();
  const create = useFormMutation(useCreatePermission(), { messages: { already_exists: t('permissions.taken') } });
  const empty = { name: '', description: '' };
  const [values, setValues] = useState<PermissionValues>(empty);
  const [added, setAdded] = useState<string | null>(null);

  function submit() {
    setAdded(null);
    create.submit(
      { system_id: system.id, ...permissionBody(values) },
      {
        onSuccess: (permission) => {
          setAdded(permission.name);
          setValues(empty);
          create.formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
        },
      },
    );
  }

  return (
    <Form
      form={create}
      onSubmit={submit}
      submitLabel={t('permissions.create')}
      fieldLabels={{ name: t('permissions.name'), description: t('permissions.description'), system_id: t('systems.name') }}
      notice={added && <Alert tone="success">{t('permissions.created', { name: added })}</Alert>}
      className="form--medium"
    >
      <PermissionFields idPrefix="permission-new" values={values} onChange={setValues} errors={create.errors} />
    </Form>
  );
}
