import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  ConfirmDialog,
  Dialog,
  ErrorMessage,
  FormError,
  Loading,
  StatusTag,
  Table,
  TextAreaField,
  TextField,
  errorText,
  focusFirstInvalid,
} from '@/components';
import { fieldErrors } from '@/lib/api';
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
  const update = useUpdatePermission();
  const [values, setValues] = useState<PermissionValues>({ name: permission.name, description: permission.description });
  const formRef = useRef<HTMLFormElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    update.mutate(
      { id: permission.id, body: permissionBody(values) },
      { onSuccess: onSaved, onError: () => focusFirstInvalid(formRef.current) },
    );
  }

  return (
    <Dialog title={t('permissions.editTitle', { name: permission.name })} onClose={onClose}>
      <form ref={formRef} className="form" noValidate onSubmit={submit}>
        <FormError
          error={update.error}
          messages={{ already_exists: t('permissions.taken') }}
          fieldLabels={{ name: t('permissions.name'), description: t('permissions.description') }}
        />
        <PermissionFields idPrefix="permission-edit" values={values} onChange={setValues} errors={fieldErrors(update.error)} />
        <div className="dialog__actions">
          <Button type="submit" busy={update.isPending}>
            {t('common.saveChanges')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function CreatePermissionForm({ system }: { system: System }) {
  const t = useT();
  const create = useCreatePermission();
  const empty = { name: '', description: '' };
  const [values, setValues] = useState<PermissionValues>(empty);
  const [added, setAdded] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    setAdded(null);
    create.mutate(
      { system_id: system.id, ...permissionBody(values) },
      {
        onSuccess: (permission) => {
          setAdded(permission.name);
          setValues(empty);
          formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
        },
        onError: () => focusFirstInvalid(formRef.current),
      },
    );
  }

  return (
    <form ref={formRef} className="form form--medium" noValidate onSubmit={submit}>
      {added && <Alert tone="success">{t('permissions.created', { name: added })}</Alert>}
      <FormError
        error={create.error}
        messages={{ already_exists: t('permissions.taken') }}
        fieldLabels={{ name: t('permissions.name'), description: t('permissions.description'), system_id: t('systems.name') }}
      />
      <PermissionFields idPrefix="permission-new" values={values} onChange={setValues} errors={fieldErrors(create.error)} />
      <Button type="submit" busy={create.isPending}>
        {t('permissions.create')}
      </Button>
    </form>
  );
}
