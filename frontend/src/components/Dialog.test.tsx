import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api';
import { I18nProvider } from '@/lib/i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { FormError } from './FormError';
import { Table } from './Table';

function Harness({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <I18nProvider language="sv">
      <button type="button" onClick={() => setOpen(true)}>
        Ta bort Erik
      </button>
      {open && (
        <ConfirmDialog title="Ta bort?" confirmLabel="Ta bort beställningsrätt" onConfirm={onConfirm} onCancel={() => setOpen(false)}>
          <p>Erik kan inte längre beställa.</p>
        </ConfirmDialog>
      )}
    </I18nProvider>
  );
}

describe('ConfirmDialog', () => {
  it('is a modal dialog named by its title that starts on Avbryt, and gives focus back when cancelled', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Ta bort Erik' });
    await user.click(opener);

    const dialog = screen.getByRole('dialog', { name: 'Ta bort?' });
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Avbryt' }));

    // Escape makes the browser fire "cancel" on the dialog.
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(onConfirm).not.toHaveBeenCalled();

    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Ta bort beställningsrätt' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('FormError', () => {
  it("announces the failure with the form's own words for a known code", () => {
    render(
      <I18nProvider language="sv">
        <FormError
          error={new ApiError(409, { type: 't', title: 'Conflict', status: 409, detail: 'name is already taken', code: 'already_exists' })}
          messages={{ already_exists: 'Det finns redan en utförare med det namnet.' }}
        />
      </I18nProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Det gick inte att sparaDet finns redan en utförare med det namnet.');
  });

  it("lists every field error with its field's label, nested paths included", () => {
    const error = new ApiError(422, {
      type: 't',
      title: 'Ogiltiga uppgifter',
      status: 422,
      detail: 'Begäran innehåller fel.',
      code: 'validation_failed',
      errors: [
        { field: 'name', code: 'required', message: 'Fältet är obligatoriskt.' },
        { field: 'allowed_values.profession[2]', code: 'required', message: 'Värdet saknas.' },
        { field: 'roles[0]', code: 'unknown_field', message: 'Okänd roll.' },
      ],
    });
    render(
      <I18nProvider language="sv">
        <FormError
          error={error}
          fieldLabels={{ name: 'Namn', 'allowed_values.profession': 'Tillåtna värden för Profession' }}
        />
      </I18nProvider>,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Namn: Fältet är obligatoriskt.',
      'Tillåtna värden för Profession: Värdet saknas.',
      'Okänd roll.',
    ]);
  });
});

describe('Table', () => {
  it('is named by its caption, and so is the region around it', () => {
    render(
      <Table caption="Enheter hos Omsorg Nord AB">
        <tbody>
          <tr>
            <th scope="row">Boende Linden</th>
          </tr>
        </tbody>
      </Table>,
    );
    expect(screen.getByRole('table', { name: 'Enheter hos Omsorg Nord AB' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Enheter hos Omsorg Nord AB' })).toBeTruthy();
  });
});
