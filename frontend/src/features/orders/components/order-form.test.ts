import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api';
import { cosmic, lifecare, order, permissions, retired } from '@/testing/fixtures';
import {
  emptyOrderValues,
  extraFieldsFor,
  formFieldErrors,
  permissionsOf,
  requiredFields,
  samePersonValues,
  toCreateBody,
  toUpdateBody,
  valuesFromOrder,
  type OrderFormValues,
} from './order-form';

const filled: OrderFormValues = {
  ...emptyOrderValues('prov-1'),
  systemId: lifecare.id,
  permissionId: 'p1',
  unitIds: ['u-linden', 'u-eken'],
  firstName: ' Karin ',
  lastName: 'Berg',
  personalNumber: '19121212-1212',
  email: 'karin@example.se',
  phone: '',
  lifecareTitle: 'Undersköterska',
  profession: 'Sjuksköterska',
  expertUser: true,
  validTo: '2027-06-30',
  comment: '  ',
};

describe('the extra fields a system declares', () => {
  it('follow required_fields, as a list when allowed_values fixes them', () => {
    expect(extraFieldsFor(lifecare, 'grant')).toEqual([
      { field: 'lifecare_title', options: ['Undersköterska', 'Sjuksköterska'] },
    ]);
    // Cosmic Link (in the fixtures) fixes no values: free text.
    expect(extraFieldsFor(cosmic, 'grant')).toEqual([{ field: 'profession', options: null }]);
    expect(extraFieldsFor(retired, 'grant')).toEqual([]);
  });

  it('belong to grant orders only, and to no order before a system is chosen', () => {
    expect(extraFieldsFor(lifecare, 'revoke')).toEqual([]);
    expect(extraFieldsFor(undefined, 'grant')).toEqual([]);
  });

  it('are whatever a new system declares, with no release', () => {
    const both = { ...cosmic, required_fields: ['lifecare_title', 'profession'] as const, allowed_values: { profession: [] } };
    expect(extraFieldsFor({ ...both, required_fields: [...both.required_fields] }, 'grant')).toEqual([
      { field: 'lifecare_title', options: null },
      { field: 'profession', options: null },
    ]);
  });
});

describe('the body sent to the API', () => {
  it("carries only the chosen system's extra fields, trimmed, empty ones as null", () => {
    const body = toCreateBody(filled, lifecare);
    expect(body).toEqual({
      kind: 'grant',
      provider_id: 'prov-1',
      permission_id: 'p1',
      unit_ids: ['u-linden', 'u-eken'],
      subject: { first_name: 'Karin', last_name: 'Berg', personal_number: '19121212-1212', email: 'karin@example.se', phone: null },
      lifecare_title: 'Undersköterska',
      profession: null,
      justification: null,
      expert_user: true,
      valid_to: '2027-06-30',
      comment: null,
    });
    expect(toCreateBody(filled, cosmic)).toMatchObject({ lifecare_title: null, profession: 'Sjuksköterska' });
  });

  it('sends a revoke order without extra fields and without expert user', () => {
    expect(toCreateBody({ ...filled, kind: 'revoke' }, lifecare)).toMatchObject({
      kind: 'revoke',
      lifecare_title: null,
      profession: null,
      expert_user: false,
    });
  });

  it('leaves an unchosen permission out, so that the API names it as missing', () => {
    const body = toCreateBody({ ...filled, permissionId: '' }, lifecare);
    expect('permission_id' in body).toBe(false);
  });

  it('changes a draft with every field, never its provider', () => {
    const body = toUpdateBody({ ...filled, validTo: '' }, lifecare);
    expect('provider_id' in body).toBe(false);
    expect(body).toMatchObject({ permission_id: 'p1', valid_to: null, unit_ids: ['u-linden', 'u-eken'] });
  });
});

describe('ordering again for the same person', () => {
  it('keeps the provider, the person and the units; the permission starts again', () => {
    const next = samePersonValues(filled);
    expect(next).toMatchObject({
      providerId: 'prov-1',
      firstName: ' Karin ',
      lastName: 'Berg',
      personalNumber: '19121212-1212',
      email: 'karin@example.se',
      unitIds: ['u-linden', 'u-eken'],
      kind: 'grant',
      systemId: '',
      permissionId: '',
      lifecareTitle: '',
      profession: '',
      expertUser: false,
      validTo: '',
      comment: '',
    });
  });

  it('fills the form from a saved draft', () => {
    const values = valuesFromOrder(order('o1', { comment: 'Börjar måndag', valid_to: '2027-01-31' }));
    expect(values).toMatchObject({ systemId: 'sys-lifecare', permissionId: 'p1', unitIds: ['u-linden'], email: '', comment: 'Börjar måndag', validTo: '2027-01-31' });
  });
});

describe('what is marked mandatory', () => {
  it('marks the email only for an expert user of a grant order', () => {
    expect(requiredFields(filled).email).toBe(true);
    expect(requiredFields({ ...filled, expertUser: false }).email).toBe(false);
    expect(requiredFields({ ...filled, kind: 'revoke' }).email).toBe(false);
    expect(requiredFields(filled)).toMatchObject({ permission: true, units: true, firstName: true, lastName: true, personalNumber: true, phone: false });
  });
});

describe("the API's field errors", () => {
  it('go to the fields by their JSON path', () => {
    const error = new ApiError(422, {
      type: 'urn:sesam:problem:validation_failed',
      title: 'Ogiltiga uppgifter',
      status: 422,
      detail: 'Begäran innehåller fel.',
      code: 'validation_failed',
      errors: [
        { field: 'unit_ids[1]', code: 'unit_not_in_provider', message: 'Enheten hör inte till utföraren.' },
        { field: 'subject.email', code: 'expert_user_email_required', message: 'E-post måste anges för en expertanvändare.' },
        { field: 'lifecare_title', code: 'lifecare_title_required', message: 'Titel för Lifecare måste anges.' },
        { field: 'permission_id', code: 'required', message: 'Fältet är obligatoriskt.' },
      ],
    });
    expect(formFieldErrors(error)).toEqual({
      units: 'Enheten hör inte till utföraren.',
      email: 'E-post måste anges för en expertanvändare.',
      lifecare_title: 'Titel för Lifecare måste anges.',
      permission: 'Fältet är obligatoriskt.',
    });
    expect(formFieldErrors(new Error('network'))).toEqual({});
  });
});

describe('the permissions offered', () => {
  it("are the system's active ones, and a draft's own even if retired", () => {
    expect(permissionsOf(permissions, 'sys-cosmic', '').map((p) => p.id)).toEqual(['p3']);
    expect(permissionsOf(permissions, 'sys-cosmic', 'p4').map((p) => p.id)).toEqual(['p4', 'p3']);
  });
});
