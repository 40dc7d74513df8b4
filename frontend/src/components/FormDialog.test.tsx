import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, unwrap } from '@/lib/api';
import { I18nProvider } from '@/lib/i18n';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { describedBy } from '@/testing/render';
import { Form } from './Form';
import { FormDialog } from './FormDialog';
import { TextField } from './TextField';
import { useFormMutation, type FormMutationOptions } from './useFormMutation';

type Provider = { id: string; name: string };
type Body = { name: string; org_number: string | null };

// A real mutation through the real client: only fetch is fake.
function useCreateProvider() {
  return useMutation({
    mutationFn: async (body: Body) => unwrap(await api.POST('/api/v1/providers', { body })),
  });
}

interface HarnessProps {
  options?: FormMutationOptions;
  onSaved?: (provider: Provider) => void;
  onFailed?: (error: unknown) => void;
}

function ProviderDialog({ options, onSaved, onFailed, onClose }: HarnessProps & { onClose: () => void }) {
  const create = useFormMutation(useCreateProvider(), options);
  const [name, setName] = useState('');
  const [org, setOrg] = useState('');
  return (
    <FormDialog
      title="Ny utförare"
      onClose={onClose}
      form={create}
      onSubmit={() =>
        create.submit(
          { name, org_number: org || null },
          {
            onSuccess: (provider) => {
              onClose();
              onSaved?.(provider);
            },
            onError: (error) => {
              onClose();
              onFailed?.(error);
            },
          },
        )
      }
      submitLabel="Lägg till utförare"
      fieldLabels={{ name: 'Namn', org_number: 'Organisationsnummer' }}
      intro={<p>Utföraren får sina enheter på sin egen sida.</p>}
    >
      <TextField label="Namn" required value={name} onChange={(e) => setName(e.target.value)} error={create.errors['name']} />
      <TextField
        label="Organisationsnummer"
        value={org}
        onChange={(e) => setOrg(e.target.value)}
        error={create.errors['org_number']}
      />
    </FormDialog>
  );
}

function Harness(props: HarnessProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Lägg till
      </button>
      {open && <ProviderDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function renderWithClient(ui: ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const user = userEvent.setup();
  render(
    <I18nProvider language="sv">
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </I18nProvider>,
  );
  return { user, queryClient };
}

/** A response that arrives when the test says so. */
function deferred() {
  let resolve: (response: Response) => void = () => undefined;
  const promise = new Promise<Response>((r) => (resolve = r));
  return { promise, resolve };
}

describe('FormDialog with useFormMutation', () => {
  it("puts each of the API's field errors beside its field and in the summary, and focuses the first", async () => {
    mockFetch({
      'POST /api/v1/providers': () =>
        problem(422, 'Ogiltiga uppgifter', 'Begäran innehåller fel.', {
          errors: [
            { field: 'name', code: 'required', message: 'Fältet är obligatoriskt.' },
            { field: 'org_number', code: 'invalid_format', message: 'Skriv NNNNNN-NNNN.' },
          ],
        }),
    });
    const { user } = renderWithClient(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Lägg till' }));
    const dialog = screen.getByRole('dialog', { name: 'Ny utförare' });
    await user.click(within(dialog).getByRole('button', { name: 'Lägg till utförare' }));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Namn: Fältet är obligatoriskt.',
      'Organisationsnummer: Skriv NNNNNN-NNNN.',
    ]);
    const name = within(dialog).getByRole('textbox', { name: 'Namn' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(name)).toBe('obligatoriskt ! Fältet är obligatoriskt.');
    expect(describedBy(within(dialog).getByRole('textbox', { name: 'Organisationsnummer' }))).toBe('! Skriv NNNNNN-NNNN.');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(screen.getByRole('dialog', { name: 'Ny utförare' })).toBe(dialog);
  });

  it('is busy while the request is under way, sends it once, closes on success and gives focus back', async () => {
    const answer = deferred();
    const { calls } = mockFetch({ 'POST /api/v1/providers': () => answer.promise });
    const onSaved = vi.fn();
    const { user } = renderWithClient(<Harness onSaved={onSaved} />);
    const opener = screen.getByRole('button', { name: 'Lägg till' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Ny utförare' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Namn' }), 'Omsorg Väst AB');
    const submit = within(dialog).getByRole('button', { name: 'Lägg till utförare' });
    await user.click(submit);

    await waitFor(() => expect(submit.getAttribute('aria-busy')).toBe('true'));
    await user.click(submit);
    await user.type(within(dialog).getByRole('textbox', { name: 'Namn' }), '{Enter}');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ name: 'Omsorg Väst AB', org_number: null });

    answer.resolve(json(201, { id: 'prov-vast', name: 'Omsorg Väst AB' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onSaved).toHaveBeenCalledWith({ id: 'prov-vast', name: 'Omsorg Väst AB' });
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Avbryt without sending anything', async () => {
    const { calls } = mockFetch({});
    const { user } = renderWithClient(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Lägg till' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Ny utförare' })).getByRole('button', { name: 'Avbryt' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('says a problem code about one field beside that field, in the words given for it', async () => {
    mockFetch({ 'POST /api/v1/providers': () => problem(409, 'Conflict', 'name is taken', { code: 'already_exists' }) });
    const taken = 'Det finns redan en utförare med det namnet.';
    const options = { messages: { already_exists: taken }, codeFields: { already_exists: 'name' } };
    const { user } = renderWithClient(<Harness options={options} />);
    await user.click(screen.getByRole('button', { name: 'Lägg till' }));
    const dialog = screen.getByRole('dialog', { name: 'Ny utförare' });
    await user.click(within(dialog).getByRole('button', { name: 'Lägg till utförare' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(`Det gick inte att spara${taken}`);
    const name = within(dialog).getByRole('textbox', { name: 'Namn' });
    expect(describedBy(name)).toBe(`obligatoriskt ! ${taken}`);
    await waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('hands a failure it does not keep to onError, and shows nothing of it', async () => {
    mockFetch({ 'POST /api/v1/providers': () => problem(409, 'Conflict', 'someone was first', { code: 'stale' }) });
    const onFailed = vi.fn();
    const options = { keeps: (error: unknown) => error instanceof ApiError && error.status === 422 };
    const { user } = renderWithClient(<Harness options={options} onFailed={onFailed} />);
    await user.click(screen.getByRole('button', { name: 'Lägg till' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Ny utförare' })).getByRole('button', { name: 'Lägg till utförare' }));

    await waitFor(() => expect(onFailed).toHaveBeenCalledOnce());
    expect((onFailed.mock.calls[0]?.[0] as ApiError).code).toBe('stale');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('useFormMutation when the form is gone before the answer', () => {
  function InlineForm({ evenIfGone, onSaved }: { evenIfGone: boolean; onSaved: () => void }) {
    const create = useFormMutation(useCreateProvider(), { evenIfGone });
    return (
      <Form form={create} onSubmit={() => create.submit({ name: 'Omsorg Väst AB', org_number: null }, { onSuccess: onSaved })} submitLabel="Spara">
        <p>Inga fält</p>
      </Form>
    );
  }

  function Page(props: { evenIfGone: boolean; onSaved: () => void }) {
    const [shown, setShown] = useState(true);
    return (
      <>
        <button type="button" onClick={() => setShown(false)}>
          Gå vidare
        </button>
        {shown && <InlineForm {...props} />}
      </>
    );
  }

  async function leaveBeforeTheAnswer(evenIfGone: boolean) {
    const answer = deferred();
    mockFetch({ 'POST /api/v1/providers': () => answer.promise });
    const onSaved = vi.fn();
    const { user, queryClient } = renderWithClient(<Page evenIfGone={evenIfGone} onSaved={onSaved} />);
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(queryClient.getMutationCache().getAll()).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Gå vidare' }));
    expect(screen.queryByRole('button', { name: 'Spara' })).toBeNull();
    answer.resolve(json(201, { id: 'prov-vast', name: 'Omsorg Väst AB' }));
    await waitFor(() => expect(queryClient.getMutationCache().getAll()[0]?.state.status).toBe('success'));
    // The callbacks run a tick after the mutation settles.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return onSaved;
  }

  it('does not act on the answer by default (a page left meanwhile is not navigated from)', async () => {
    expect(await leaveBeforeTheAnswer(false)).not.toHaveBeenCalled();
  });

  it('still calls onSuccess with evenIfGone (a success that removes the form itself)', async () => {
    expect(await leaveBeforeTheAnswer(true)).toHaveBeenCalledOnce();
  });
});
