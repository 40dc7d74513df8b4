import type { Permission } from '../api/get-permissions';
import type { System } from '../api/get-systems';

export interface CatalogueSection {
  system: System;
  permissions: Permission[];
}

function normalise(text: string): string {
  return text.toLocaleLowerCase('sv').normalize('NFC');
}

/**
 * Groups active permissions under their active systems and keeps what matches the query:
 * a system whose name or description matches keeps all its permissions; otherwise only its
 * matching permissions are kept, and a system without any is left out.
 */
export function catalogueSections(systems: System[], permissions: Permission[], query: string): CatalogueSection[] {
  const q = normalise(query.trim());
  const matches = (...texts: (string | null | undefined)[]) => texts.some((s) => s && normalise(s).includes(q));
  const bySystem = new Map<string, Permission[]>();
  for (const p of permissions) {
    if (!p.active) continue;
    const list = bySystem.get(p.system_id) ?? [];
    list.push(p);
    bySystem.set(p.system_id, list);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
  return systems
    .filter((s) => s.active)
    .sort(byName)
    .flatMap((system) => {
      const own = (bySystem.get(system.id) ?? []).sort(byName);
      if (!q || matches(system.name, system.description)) return [{ system, permissions: own }];
      const hits = own.filter((p) => matches(p.name, p.description));
      return hits.length ? [{ system, permissions: hits }] : [];
    });
}
