import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ErrorMessage, FormError, Loading, StatusTag, Table, focusFirstInvalid } from '@/components';
import { fieldErrors } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { useCreateSystem } from '../../api/create-system';
import { usePermissions } from '../../api/get-permissions';
import { useSystems } from '../../api/get-systems';
import {
  emptySystemValues,
  extraFieldLabel,
  systemBody,
  systemFieldLabels,
  SystemFields,
  type SystemValues,
} from './SystemFields';

export interface SystemsAdminProps {
  /** The address of a system's own page (its details and permissions). */
  systemHref: (id: string) => string;
}

/** Support's list of business systems, and the form that adds one. */
export function SystemsAdmin({ systemHref }: SystemsAdminProps) {
  const t = useT();
  const systems = useSystems();
  const permissions = usePermissions();
  const byName = [...(systems.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const count = (systemId: string) => permissions.data?.filter((p) => p.system_id === systemId && p.active).length;

  return (
    <>
      <section aria-labelledby="systems-list-heading" className="section">
        <h2 id="systems-list-heading">{t('systems.listHeading')}</h2>
        {systems.isPending ? (
          <Loading />
        ) : systems.isError ? (
          <ErrorMessage error={systems.error} />
        ) : byName.length === 0 ? (
          <p>{t('systems.none')}</p>
        ) : (
          <Table caption={t('systems.listCaption')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('systems.name')}</th>
                <th scope="col">{t('systems.requires')}</th>
                <th scope="col">{t('systems.permissionCount')}</th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {byName.map((system) => (
                <tr key={system.id}>
                  <th scope="row">
                    <Link to={systemHref(system.id)}>{system.name}</Link>
                  </th>
                  <td>
                    {system.required_fields.length === 0
                      ? t('systems.requiresNothing')
                      : system.required_fields.map((f) => t(extraFieldLabel(f))).join(', ')}
                  </td>
                  <td>{count(system.id) ?? '–'}</td>
                  <td>
                    <StatusTag active={system.active} inactiveLabel={t('common.retired')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section aria-labelledby="system-create-heading" className="section card">
        <h2 id="system-create-heading">{t('systems.createHeading')}</h2>
        <CreateSystemForm systemHref={systemHref} />
      </section>
    </>
  );
}

function CreateSystemForm({ systemHref }: SystemsAdminProps) {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateSystem();
  const [values, setValues] = useState<SystemValues>(emptySystemValues);
  const formRef = useRef<HTMLFormElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate(systemBody(values), {
      onSuccess: (system) =>
        navigate(systemHref(system.id), { state: { flash: t('systems.created', { name: system.name }) } }),
      onError: () => focusFirstInvalid(formRef.current),
    });
  }

  return (
    <form ref={formRef} className="form form--medium" noValidate onSubmit={submit}>
      <FormError error={create.error} messages={{ already_exists: t('systems.taken') }} fieldLabels={systemFieldLabels(t)} />
      <SystemFields idPrefix="system-new" values={values} onChange={setValues} errors={fieldErrors(create.error)} />
      <Button type="submit" busy={create.isPending}>
        {t('systems.create')}
      </Button>
    </form>
  );
}
