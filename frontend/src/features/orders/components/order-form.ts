/**
 * The order form's logic, apart from its looks: which fields a system and kind call for, the body
 * the API is sent, and where the API's field errors go. No business rule is copied here beyond
 * marking what is mandatory: the API checks every rule and says what is wrong, field by field.
 */
import { fieldErrorAt, fieldErrors } from '@/lib/api';
import type {
  CreateOrder,
  ExtraField,
  Order,
  OrderKind,
  OrderPermission,
  OrderSystem,
  OrderUnit,
  UpdateOrder,
} from '../api/types';

export interface OrderFormValues {
  kind: OrderKind;
  providerId: string;
  systemId: string;
  permissionId: string;
  unitIds: string[];
  firstName: string;
  lastName: string;
  personalNumber: string;
  email: string;
  phone: string;
  lifecareTitle: string;
  profession: string;
  justification: string;
  expertUser: boolean;
  validTo: string;
  comment: string;
}

export function emptyOrderValues(providerId: string): OrderFormValues {
  return {
    kind: 'grant',
    providerId,
    systemId: '',
    permissionId: '',
    unitIds: [],
    firstName: '',
    lastName: '',
    personalNumber: '',
    email: '',
    phone: '',
    lifecareTitle: '',
    profession: '',
    justification: '',
    expertUser: false,
    validTo: '',
    comment: '',
  };
}

/** The form filled in from a saved order (to edit a draft). */
export function valuesFromOrder(order: Order): OrderFormValues {
  return {
    kind: order.kind,
    providerId: order.provider_id,
    systemId: order.system_id,
    permissionId: order.permission_id,
    unitIds: [...order.unit_ids],
    firstName: order.subject.first_name,
    lastName: order.subject.last_name,
    personalNumber: order.subject.personal_number,
    email: order.subject.email ?? '',
    phone: order.subject.phone ?? '',
    lifecareTitle: order.lifecare_title ?? '',
    profession: order.profession ?? '',
    justification: order.justification ?? '',
    expertUser: order.expert_user,
    validTo: order.valid_to ?? '',
    comment: order.comment ?? '',
  };
}

/**
 * A new order for the same person (each permission needs its own order): the provider, the person
 * and the units stay; the permission and everything about it start again.
 */
export function samePersonValues(previous: OrderFormValues): OrderFormValues {
  return {
    ...emptyOrderValues(previous.providerId),
    unitIds: [...previous.unitIds],
    firstName: previous.firstName,
    lastName: previous.lastName,
    personalNumber: previous.personalNumber,
    email: previous.email,
    phone: previous.phone,
  };
}

export interface ExtraFieldSpec {
  field: ExtraField;
  /** The allowed values when the system fixes them (a list to choose from), else null (free text). */
  options: string[] | null;
}

/**
 * The extra fields an order of this system and kind must carry, exactly as the system declares them
 * (`required_fields`, `allowed_values`): on grant orders only.
 */
export function extraFieldsFor(system: OrderSystem | undefined, kind: OrderKind): ExtraFieldSpec[] {
  if (!system || kind !== 'grant') return [];
  return system.required_fields.map((field) => {
    const allowed = system.allowed_values?.[field];
    return { field, options: allowed && allowed.length > 0 ? allowed : null };
  });
}

/** The expert-user choice belongs to grant orders: a revoke ends the registration anyway. */
export function offersExpertUser(kind: OrderKind): boolean {
  return kind === 'grant';
}

/** Which of the form's fields carry the red star: the mandatory ones of rule 1, and what a choice adds. */
export function requiredFields(values: OrderFormValues) {
  return {
    kind: true,
    provider: true,
    system: true,
    permission: true,
    units: true,
    firstName: true,
    lastName: true,
    personalNumber: true,
    email: offersExpertUser(values.kind) && values.expertUser,
    phone: false,
    validTo: false,
    comment: false,
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** Only the extra fields the chosen system and kind call for are sent; the others are cleared. */
function extraValues(values: OrderFormValues, system: OrderSystem | undefined) {
  const shown = extraFieldsFor(system, values.kind).map((f) => f.field);
  return {
    lifecare_title: shown.includes('lifecare_title') ? orNull(values.lifecareTitle) : null,
    profession: shown.includes('profession') ? orNull(values.profession) : null,
    justification: shown.includes('justification') ? orNull(values.justification) : null,
  };
}

function subjectOf(values: OrderFormValues) {
  return {
    first_name: values.firstName.trim(),
    last_name: values.lastName.trim(),
    personal_number: values.personalNumber.trim(),
    email: orNull(values.email),
    phone: orNull(values.phone),
  };
}

/**
 * The body of `POST /orders`. What the user left empty is sent empty (or left out, for a permission
 * not chosen), so that the API's answer names every missing field at once.
 */
export function toCreateBody(values: OrderFormValues, system: OrderSystem | undefined): CreateOrder {
  const body = {
    kind: values.kind,
    provider_id: values.providerId || null,
    ...(values.permissionId ? { permission_id: values.permissionId } : {}),
    unit_ids: values.unitIds,
    subject: subjectOf(values),
    ...extraValues(values, system),
    expert_user: offersExpertUser(values.kind) && values.expertUser,
    valid_to: orNull(values.validTo),
    comment: orNull(values.comment),
  };
  // Without a permission the API answers `permission_id: required`, beside the field.
  return body as CreateOrder;
}

/** The body of `PATCH /orders/{id}`: every field, so that what was emptied is cleared. */
export function toUpdateBody(values: OrderFormValues, system: OrderSystem | undefined): UpdateOrder {
  return {
    kind: values.kind,
    permission_id: values.permissionId || null,
    unit_ids: values.unitIds,
    subject: subjectOf(values),
    ...extraValues(values, system),
    expert_user: offersExpertUser(values.kind) && values.expertUser,
    valid_to: orNull(values.validTo),
    comment: orNull(values.comment),
  };
}

/** The form's fields by the JSON path the API names them with. */
export const FIELD_PATHS = {
  kind: 'kind',
  provider: 'provider_id',
  permission: 'permission_id',
  units: 'unit_ids',
  firstName: 'subject.first_name',
  lastName: 'subject.last_name',
  personalNumber: 'subject.personal_number',
  email: 'subject.email',
  phone: 'subject.phone',
  lifecare_title: 'lifecare_title',
  profession: 'profession',
  justification: 'justification',
  expertUser: 'expert_user',
  validTo: 'valid_to',
  comment: 'comment',
} as const;

export type FormField = keyof typeof FIELD_PATHS;

/**
 * The API's message for each of the form's fields (`unit_ids[1]` belongs to the units; a problem with
 * the whole `subject` to the first name).
 */
export function formFieldErrors(error: unknown): Partial<Record<FormField, string>> {
  const all = fieldErrors(error);
  const out: Partial<Record<FormField, string>> = {};
  for (const [name, path] of Object.entries(FIELD_PATHS) as [FormField, string][]) {
    const message = fieldErrorAt(all, path);
    if (message) out[name] = message;
  }
  if (!out.firstName && all['subject']) out.firstName = all['subject'];
  return out;
}

/** The active choices, plus the one a draft already has (so that editing it shows what it is). */
export function activeOrCurrent<T extends { id: string; active: boolean }>(items: T[], current: string | string[]): T[] {
  const keep = new Set(Array.isArray(current) ? current : [current]);
  return items.filter((item) => item.active || keep.has(item.id));
}

export function permissionsOf(permissions: OrderPermission[], systemId: string, currentId: string): OrderPermission[] {
  return activeOrCurrent(
    permissions.filter((p) => p.system_id === systemId),
    currentId,
  ).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export function unitsToOffer(units: OrderUnit[], chosen: string[]): OrderUnit[] {
  return activeOrCurrent(units, chosen);
}
