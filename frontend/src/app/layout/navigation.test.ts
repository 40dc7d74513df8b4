import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n';
import { navItemsFor } from './navigation';

const names = (me: Parameters<typeof navItemsFor>[0]) => navItemsFor(me).map((i) => translate('sv', i.label));
const right = { provider_id: 'p', provider_name: 'Omsorg Nord AB' };

describe('navigation by role', () => {
  it('gives an orderer the ordering pages', () => {
    expect(names({ roles: [], ordering_rights: [right] })).toEqual([
      'Ny beställning',
      'Hantera dina beställningar',
      'Behörigheter i Sesam',
      'Expertanvändare',
      'Beställningsrätt',
      'Behörighetsinnehav',
      'Behörighetsuppföljning',
    ]);
  });

  it('gives IT its queue and no ordering', () => {
    const it = names({ roles: ['it'], ordering_rights: [] });
    expect(it).toContain('IT-kö');
    expect(it).not.toContain('Ny beställning');
    expect(it).not.toContain('Administration');
  });

  it('gives support the administration', () => {
    const admin = names({ roles: ['admin'], ordering_rights: [] });
    expect(admin).toContain('Administration');
    expect(admin).not.toContain('IT-kö');
    expect(admin).not.toContain('Ny beställning');
  });

  it('gives an account without a right the catalogue and the way to ask for one', () => {
    expect(names({ roles: [], ordering_rights: [] })).toEqual(['Behörigheter i Sesam', 'Beställningsrätt']);
  });
});
