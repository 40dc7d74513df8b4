import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { describedBy } from '@/testing/render';
import { Field } from './Field';
import { TextField } from './TextField';

function renderSv(ui: React.ReactNode) {
  return render(<I18nProvider language="sv">{ui}</I18nProvider>);
}

describe('Field', () => {
  it('names its control after the label, exactly', () => {
    renderSv(<TextField label="E-post" required />);
    expect(screen.getByRole('textbox', { name: 'E-post' })).toBeTruthy();
  });

  it('shows a red star for a mandatory field that screen readers read as "obligatoriskt"', () => {
    const { container } = renderSv(<TextField label="Förnamn" required />);
    const input = screen.getByRole('textbox', { name: 'Förnamn' });
    const star = container.querySelector('.required-mark');
    expect(star?.textContent?.trim()).toBe('*');
    expect(star?.getAttribute('aria-hidden')).toBe('true');
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(describedBy(input)).toBe('obligatoriskt');
  });

  it('says nothing about an optional field', () => {
    const { container } = renderSv(<TextField label="Telefon" />);
    const input = screen.getByRole('textbox', { name: 'Telefon' });
    expect(container.querySelector('.required-mark')).toBeNull();
    expect(input.hasAttribute('aria-required')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('ties an error to its control with aria-invalid and aria-describedby', () => {
    renderSv(<TextField label="Personnummer" required error="Ogiltigt personnummer" hint="ÅÅÅÅMMDD-NNNN" />);
    const input = screen.getByRole('textbox', { name: 'Personnummer' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(input)).toBe('obligatoriskt ÅÅÅÅMMDD-NNNN ! Ogiltigt personnummer');
    expect(screen.getByText('Ogiltigt personnummer')).toBeTruthy();
  });

  it('reads the star in English when the interface is English', () => {
    render(
      <I18nProvider language="en">
        <TextField label="Email" required />
      </I18nProvider>,
    );
    expect(describedBy(screen.getByRole('textbox', { name: 'Email' }))).toBe('required');
  });

  it('works with any control through its render function', () => {
    renderSv(
      <Field label="Verksamhetssystem" required error="Välj ett system">
        {(control) => (
          <select {...control}>
            <option value="">Välj</option>
          </select>
        )}
      </Field>,
    );
    const select = screen.getByRole('combobox', { name: 'Verksamhetssystem' });
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(select)).toContain('Välj ett system');
  });
});
