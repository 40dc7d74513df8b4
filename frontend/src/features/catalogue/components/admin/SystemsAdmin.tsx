import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage, Form, Loading, StatusTag, Table, useFormMutation } from '@/components';
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
  const create = useFormMutation(useCreateSystem(), { messages: { already_exists: t('systems.taken') } });
  const [values, setValues] = useState<SystemValues>(emptySystemValues);

  function submit() {
    create.submit(systemBody(values), {
      onSuccess: (system) =>
        navigate(systemHref(system.id), { state: { flash: t('systems.created', { name: system.name }) } }),
    });
  }

  return (
    <Form
      form={create}
      onSubmit={submit}
      submitLabel={t('systems.create')}
      fieldLabels={systemFieldLabels(t)}
      className="form--medium"
    >
      <SystemFields idPrefix="system-new" values={values} onChange={setValues} errors={create.errors} />
    </Form>
  );
}
