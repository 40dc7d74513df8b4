import { useState } from 'react';
import { Link } from 'react-router';
import {
  ActivationSection,
  Alert,
  BackLink,
  ErrorMessage,
  Form,
  Loading,
  Page,
  StatusTag,
  useFlash,
  useFormMutation,
} from '@/components';
import { ApiError } from '@/lib/api';
import { useT } from '@/lib/i18n';
import { useSystems, type System } from '../../api/get-systems';
import { useUpdateSystem } from '../../api/update-system';
import { PermissionsAdmin } from './PermissionsAdmin';
import { systemBody, systemFieldLabels, SystemFields, systemValues, type SystemValues } from './SystemFields';

export interface SystemAdminProps {
  id: string;
  backHref: string;
  catalogueHref: string;
}

/** One business system for support: its details and rules, whether it is in use, and its permissions. */
export function SystemAdmin({ id, backHref, catalogueHref }: SystemAdminProps) {
  const t = useT();
  const systems = useSystems();
  const flash = useFlash();
  const system = systems.data?.find((s) => s.id === id);

  if (!system) {
    return (
      <Page title={t('systems.detailTitle')}>
        <BackLink to={backHref}>{t('systems.back')}</BackLink>
        {systems.isPending ? (
          <Loading />
        ) : (
          <ErrorMessage error={systems.error ?? new ApiError(404, null)} title={t('systems.notFound')} />
        )}
      </Page>
    );
  }
  return (
    <Page title={system.name}>
      <BackLink to={backHref}>{t('systems.back')}</BackLink>
      {flash && <Alert tone="success">{flash}</Alert>}
      <p>
        <StatusTag active={system.active} inactiveLabel={t('common.retired')} />
      </p>
      <section aria-labelledby="system-details-heading" className="section card">
        <h2 id="system-details-heading">{t('systems.detailsHeading')}</h2>
        <SystemEditForm system={system} />
      </section>
      <PermissionsAdmin system={system} />
      <SystemStatus system={system} />
      <p>
        <Link to={catalogueHref}>{t('systems.catalogueLink')}</Link>
      </p>
    </Page>
  );
}

function SystemEditForm({ system }: { system: System }) {
  const t = useT();
  const update = useFormMutation(useUpdateSystem(system.id), { messages: { already_exists: t('systems.taken') } });
  const [values, setValues] = useState<SystemValues>(() => systemValues(system));

  return (
    <Form
      form={update}
      onSubmit={() => update.submit(systemBody(values))}
      submitLabel={t('common.saveChanges')}
      fieldLabels={systemFieldLabels(t)}
      notice={update.succeeded && <Alert tone="success">{t('common.saved')}</Alert>}
      className="form--medium"
    >
      <SystemFields idPrefix="system-edit" values={values} onChange={setValues} errors={update.errors} />
    </Form>
  );
}

function SystemStatus({ system }: { system: System }) {
  const t = useT();
  const update = useUpdateSystem(system.id);
  return (
    <ActivationSection
      headingId="system-status-heading"
      heading={t('systems.statusHeading')}
      active={system.active}
      stateText={t(system.active ? 'systems.activeText' : 'systems.retiredText')}
      deactivateLabel={t('systems.retire')}
      activateLabel={t('systems.reactivate')}
      confirmTitle={t('systems.retireTitle', { name: system.name })}
      confirmBody={<p>{t('systems.retireBody', { name: system.name })}</p>}
      doneText={(active) => t(active ? 'systems.reactivated' : 'systems.retired', { name: system.name })}
      mutation={update}
    />
  );
}
