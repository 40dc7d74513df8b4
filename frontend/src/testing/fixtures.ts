import type { components } from '@/lib/api';

type Schemas = components['schemas'];

export const anna: Schemas['Me'] = {
  id: '0190a000-0000-7000-8000-000000000001',
  email: 'anna.lind@omsorgnord.example',
  name: 'Anna Lind',
  provider_id: '0190a000-0000-7000-8000-0000000000p1',
  roles: [],
  ordering_rights: [{ provider_id: '0190a000-0000-7000-8000-0000000000p1', provider_name: 'Omsorg Nord AB' }],
  ordering_right_requests: [],
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

// ---- Providers, accounts, ordering rights, compliance ----

export const omsorgNord: Schemas['ProviderDto'] = {
  id: anna.provider_id as string,
  name: 'Omsorg Nord AB',
  org_number: '556677-8899',
  active: true,
  created_at: at,
  updated_at: at,
};

export const hemtjanstSyd: Schemas['ProviderDto'] = {
  id: 'prov-syd',
  name: 'Hemtjänst Syd Ekonomisk förening',
  org_number: '769612-3456',
  active: true,
  created_at: at,
  updated_at: at,
};

export const supportMe: Schemas['Me'] = {
  id: 'acc-support',
  email: 'support@kommun.example',
  name: 'Vof Support',
  provider_id: null,
  roles: ['admin'],
  ordering_rights: [],
  ordering_right_requests: [],
};

export const itMe: Schemas['Me'] = { ...supportMe, id: 'acc-it', email: 'it@kommun.example', name: 'Ingrid Tekniker', roles: ['it'] };

export const lisaMe: Schemas['Me'] = {
  id: 'acc-lisa',
  email: 'lisa.berg@omsorgnord.example',
  name: 'Lisa Berg',
  provider_id: omsorgNord.id,
  roles: [],
  ordering_rights: [],
  ordering_right_requests: [],
};

export function account(
  id: string,
  name: string,
  email: string,
  providerId: string | null,
  extra: Partial<Schemas['AccountDto']> = {},
): Schemas['AccountDto'] {
  return {
    id,
    name,
    email,
    provider_id: providerId,
    roles: [],
    active: true,
    orders_for: [],
    personal_number: null,
    created_at: at,
    updated_at: at,
    last_seen_at: null,
    password_set: true,
    ...extra,
  };
}

export const annaAccount = account(anna.id, 'Anna Lind', anna.email, omsorgNord.id, { orders_for: [omsorgNord.id] });
export const erikAccount = account('acc-erik', 'Erik Holm', 'erik.holm@omsorgnord.example', omsorgNord.id, {
  orders_for: [omsorgNord.id],
});
export const lisaAccount = account('acc-lisa', 'Lisa Berg', 'lisa.berg@omsorgnord.example', omsorgNord.id);

export function right(id: string, holder: Schemas['AccountDto'], grantedBy: string | null): Schemas['OrderingRightDto'] {
  return {
    id,
    account_id: holder.id,
    account_name: holder.name,
    account_email: holder.email,
    provider_id: holder.provider_id as string,
    granted_at: '2026-03-02T09:00:00Z',
    granted_by: grantedBy,
    revoked_at: null,
    revoked_by: null,
  };
}

export function complianceRow(
  provider: Schemas['ProviderDto'],
  orderers: number,
  expertUsers = 0,
): Schemas['ComplianceRow'] {
  const issues: Schemas['ComplianceIssue'][] = [];
  if (orderers < 2) issues.push('too_few_orderers');
  if (expertUsers === 0) issues.push('no_expert_user');
  return {
    provider_id: provider.id,
    provider_name: provider.name,
    orderers,
    orderers_required: 2,
    expert_users: expertUsers,
    expert_users_recommended: 1,
    issues,
    last_review_completed_at: null,
    open_review_id: null,
  };
}

// ---- Units, orders, notifications ----

export function unit(id: string, name: string, providerId = omsorgNord.id, active = true): Schemas['UnitDto'] {
  return { id, provider_id: providerId, name, code: null, active, created_at: at, updated_at: at };
}

export const nordUnits: Schemas['UnitDto'][] = [
  unit('u-linden', 'Boende Linden'),
  unit('u-eken', 'Boende Eken'),
  unit('u-old', 'Nedlagd enhet', omsorgNord.id, false),
];

/** A full order (the detail's shape); `extra` overrides any field. */
export function order(id: string, extra: Partial<Schemas['OrderDto']> = {}): Schemas['OrderDto'] {
  return {
    id,
    reference: `SES-2026-${id.replace(/\D/g, '').padStart(6, '0')}`,
    kind: 'grant',
    status: 'draft',
    provider_id: omsorgNord.id,
    provider_name: omsorgNord.name,
    permission_id: 'p1',
    permission_name: 'Utförare hemtjänst',
    system_id: 'sys-lifecare',
    system_name: 'Lifecare',
    unit_ids: ['u-linden'],
    units: [{ id: 'u-linden', name: 'Boende Linden' }],
    subject: {
      first_name: 'Karin',
      last_name: 'Berg',
      personal_number: '19121212-1212',
      email: null,
      phone: null,
    },
    lifecare_title: 'Undersköterska',
    profession: null,
    justification: null,
    expert_user: false,
    valid_to: null,
    comment: null,
    created_by: anna.id,
    created_by_name: 'Anna Lind',
    created_at: at,
    updated_at: '2026-03-05T10:00:00Z',
    submitted_by: null,
    submitted_by_name: null,
    submitted_at: null,
    taken_by: null,
    taken_by_name: null,
    taken_at: null,
    completed_at: null,
    account_name: null,
    reject_reason: null,
    return_question: null,
    last_return: null,
    copied_from: null,
    version: 1,
    ...extra,
  };
}

/** The same order as a list shows it: the lighter shape, personal number masked. */
export function listItem(full: Schemas['OrderDto']): Schemas['OrderListItem'] {
  return {
    id: full.id,
    reference: full.reference,
    kind: full.kind,
    status: full.status,
    provider_id: full.provider_id,
    provider_name: full.provider_name,
    permission_id: full.permission_id,
    permission_name: full.permission_name,
    system_id: full.system_id,
    system_name: full.system_name,
    units: full.units,
    subject: {
      first_name: full.subject.first_name,
      last_name: full.subject.last_name,
      personal_number: `${full.subject.personal_number.slice(0, 8)}-****`,
      email: full.subject.email ?? null,
    },
    expert_user: full.expert_user,
    valid_to: full.valid_to ?? null,
    created_by: full.created_by,
    created_by_name: full.created_by_name,
    created_at: full.created_at,
    updated_at: full.updated_at,
    submitted_at: full.submitted_at ?? null,
    taken_by: full.taken_by ?? null,
    taken_by_name: full.taken_by_name ?? null,
    lifecare_title: full.lifecare_title ?? null,
    profession: full.profession ?? null,
    comment: full.comment ?? null,
    last_return: full.last_return ?? null,
    copied_from: full.copied_from ?? null,
    version: full.version,
  };
}

export function notification(id: string, extra: Partial<Schemas['NotificationDto']> = {}): Schemas['NotificationDto'] {
  return {
    id,
    created_at: '2026-03-05T10:00:00Z',
    read: false,
    kind: 'order_completed',
    order_id: 'o1',
    review_id: null,
    title: 'Beställning SES-2026-000001 är klar',
    body: 'IT har genomfört beställningen.',
    ...extra,
  };
}
