import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { api, unwrap } from '@/lib/api';
import { I18nProvider } from '@/lib/i18n';
import { json, mockFetch, problem } from '@/testing/fetch-mock';
import { ActivationSection } from './ActivationSection';

function ProviderStatus({ initiallyActive }: { initiallyActive: boolean }) {
  const [active, setActive] = useState(initiallyActive);
  // A real mutation through the real client: only fetch is fake.
  const update = useMutation({
    mutationFn: async (body: { active: boolean }) =>
      unwrap(await api.PATCH('/api/v1/providers/{id}', { params: { path: { id: 'p1' } }, body })),
    onSuccess: (provider) => setActive(provider.active),
  });
  return (
    <ActivationSection
      headingId="status-heading"
      heading="Aktiv eller inaktiv"
      active={active}
      stateText={active ? 'Omsorg Nord AB är aktiv.' : 'Omsorg Nord AB är inaktiv.'}
      deactivateLabel="Inaktivera utförare"
      activateLabel="Aktivera utförare"
      confirmTitle="Inaktivera Omsorg Nord AB?"
      confirmBody={<p>Ingen kan då beställa.</p>}
      doneText={(now) => (now ? 'Omsorg Nord AB är aktiverad.' : 'Omsorg Nord AB är inaktiverad.')}
      mutation={update}
    />
  );
}

function renderStatus(initiallyActive: boolean) {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const user = userEvent.setup();
  render(
    <I18nProvider language="sv">
      <QueryClientProvider client={queryClient}>
        <ProviderStatus initiallyActive={initiallyActive} />
      </QueryClientProvider>
    </I18nProvider>,
  );
  return user;
}

const provider = (active: boolean) => ({ id: 'p1', name: 'Omsorg Nord AB', org_number: null, active });

describe('ActivationSection', () => {
  it('asks before deactivating, then announces the result with focus', async () => {
    const { calls } = mockFetch({ 'PATCH /api/v1/providers/p1': () => json(200, provider(false)) });
    const user = renderStatus(true);
    const section = screen.getByRole('region', { name: 'Aktiv eller inaktiv' });
    await user.click(within(section).getByRole('button', { name: 'Inaktivera utförare' }));
    const dialog = screen.getByRole('dialog', { name: 'Inaktivera Omsorg Nord AB?' });
    expect(calls).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Inaktivera utförare' }));

    const status = await screen.findByText('Omsorg Nord AB är inaktiverad.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.map((c) => c.body)).toEqual([{ active: false }]);
    expect(screen.getByText('Omsorg Nord AB är inaktiv.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(status.closest('[role="status"]')));
    expect(within(section).getByRole('button', { name: 'Aktivera utförare' })).toBeTruthy();
  });

  it('activates without asking, and announces a refusal in its own words', async () => {
    mockFetch({
      'PATCH /api/v1/providers/p1': () => problem(409, 'Conflict', 'Utföraren kan inte aktiveras just nu.', { code: 'x' }),
    });
    const user = renderStatus(false);
    await user.click(screen.getByRole('button', { name: 'Aktivera utförare' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Utföraren kan inte aktiveras just nu.');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(screen.getByText('Omsorg Nord AB är inaktiv.')).toBeTruthy();
  });
});
