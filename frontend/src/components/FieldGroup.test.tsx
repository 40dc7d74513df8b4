import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { describedBy } from '@/testing/render';
import { FieldGroup } from './FieldGroup';

describe('FieldGroup', () => {
  it('names a radio group after its legend and ties the error to it', () => {
    render(
      <I18nProvider language="sv">
        <FieldGroup legend="Typ" role="radiogroup" required error="Välj typ">
          <label>
            <input type="radio" name="kind" value="grant" /> Beställ behörighet
          </label>
          <label>
            <input type="radio" name="kind" value="revoke" /> Avbeställ behörighet
          </label>
        </FieldGroup>
      </I18nProvider>,
    );
    const group = screen.getByRole('radiogroup', { name: 'Typ' });
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(group)).toBe('obligatoriskt ! Välj typ');
    expect(screen.getByRole('radio', { name: 'Beställ behörighet' })).toBeTruthy();
  });
});
