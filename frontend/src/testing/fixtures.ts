import type { components } from '@/lib/api';

type Schemas = components['schemas'];

export const anna: Schemas['Me'] = {
  id: '0190a000-0000-7000-8000-000000000001',
  email: 'anna.lind@omsorgnord.example',
  name: 'Anna Lind',
  provider_id: '0190a000-0000-7000-8000-0000000000p1',
  roles: [],
  ordering_rights: [{ provider_id: '0190a000-0000-7000-8000-0000000000p1', provider_name: 'Omsorg Nord AB' }],
};

export const token: Schemas['TokenResponse'] = {
  access_token: 'header.payload.signature',
  token_type: 'Bearer',
  expires_in: 28800,
};

const at = '2026-01-10T08:00:00Z';

export const lifecare: Schemas['SystemDto'] = {
  id: 'sys-lifecare',
  name: 'Lifecare',
  description: 'Verksamhetssystem för äldreomsorg och hemtjänst.',
  required_fields: ['lifecare_title'],
  allowed_values: { lifecare_title: ['Undersköterska', 'Sjuksköterska'] },
  active: true,
  created_at: at,
  updated_at: at,
};

export const cosmic: Schemas['SystemDto'] = {
  id: 'sys-cosmic',
  name: 'Cosmic Link',
  description: 'Journalsystem för samverkan med regionen.',
  required_fields: ['profession'],
  allowed_values: {},
  active: true,
  created_at: at,
  updated_at: at,
};

export const retired: Schemas['SystemDto'] = {
  ...cosmic,
  id: 'sys-old',
  name: 'Gamla systemet',
  required_fields: [],
  active: false,
};

function permission(id: string, systemId: string, name: string, description: string, active = true): Schemas['PermissionDto'] {
  return { id, system_id: systemId, name, description, active, created_at: at, updated_at: at };
}

export const permissions: Schemas['PermissionDto'][] = [
  permission('p1', 'sys-lifecare', 'Utförare hemtjänst', 'Läsa och dokumentera i hemtjänstens insatser.'),
  permission('p2', 'sys-lifecare', 'Administratör utförare', 'Hantera scheman och personal hos utföraren.'),
  permission('p3', 'sys-cosmic', 'Läsbehörighet', 'Läsa delade journaluppgifter.'),
  permission('p4', 'sys-cosmic', 'Borttagen behörighet', 'Används inte längre.', false),
];
