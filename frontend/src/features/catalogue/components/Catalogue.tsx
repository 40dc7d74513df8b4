import { useDeferredValue, useId, useMemo, useState } from 'react';
import { ErrorMessage, Field, Loading } from '@/components';
import { plural, useT, type MessageKey } from '@/lib/i18n';
import { usePermissions } from '../api/get-permissions';
import { useSystems, type ExtraField, type System } from '../api/get-systems';
import { catalogueSections } from './filter';

function fieldLabelKey(field: ExtraField): MessageKey {
  return `extraField.${field}` as MessageKey;
}

function Requirements({ system }: { system: System }) {
  const t = useT();
  if (system.required_fields.length === 0) {
    return <p className="catalogue__requires">{t('catalogue.requiresNothing')}</p>;
  }
  return (
    <div className="catalogue__requires">
      <p>{t('catalogue.requires')}</p>
      <ul>
        {system.required_fields.map((field) => {
          const label = t(fieldLabelKey(field));
          const allowed = system.allowed_values?.[field];
          return (
            <li key={field}>
              <strong>{label}</strong>
              {allowed && allowed.length > 0 && (
                <>
                  {' – '}
                  {t('catalogue.allowedValues')} {allowed.join(', ')}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The published catalogue: systems, what their orders require, and their permissions; searchable. */
export function Catalogue() {
  const t = useT();
  const systems = useSystems();
  const permissions = usePermissions();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const headingPrefix = useId().replace(/:/g, '');

  const sections = useMemo(
    () => catalogueSections(systems.data ?? [], permissions.data ?? [], deferredQuery),
    [systems.data, permissions.data, deferredQuery],
  );

  if (systems.isPending || permissions.isPending) return <Loading />;
  if (systems.isError || permissions.isError) {
    return <ErrorMessage title={t('catalogue.error')} error={systems.error ?? permissions.error} />;
  }

  const permissionCount = sections.reduce((n, s) => n + s.permissions.length, 0);

  return (
    <div className="catalogue">
      <div role="search" className="catalogue__search">
        <Field label={t('catalogue.search')} hint={t('catalogue.searchHint')}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
      </div>
      <p className="catalogue__count" role="status">
        {sections.length === 0
          ? t(query.trim() ? 'catalogue.noMatch' : 'catalogue.empty')
          : t('catalogue.count', {
              systems: plural(t, 'catalogue.systems', sections.length),
              permissions: plural(t, 'catalogue.permissionsCount', permissionCount),
            })}
      </p>
      {sections.map(({ system, permissions: perms }) => {
        const headingId = `${headingPrefix}-${system.id}`;
        return (
          <section key={system.id} className="catalogue__system card" aria-labelledby={headingId}>
            <h2 id={headingId}>{system.name}</h2>
            {system.description && <p className="catalogue__description">{system.description}</p>}
            <Requirements system={system} />
            <h3 className="catalogue__permissions-heading">{t('catalogue.permissions', { system: system.name })}</h3>
            {perms.length === 0 ? (
              <p>{t('catalogue.noPermissions')}</p>
            ) : (
              <dl className="catalogue__permissions">
                {perms.map((p) => (
                  <div key={p.id} className="catalogue__permission">
                    <dt>{p.name}</dt>
                    <dd>{p.description}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </div>
  );
}
