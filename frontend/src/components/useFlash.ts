import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A message handed over by the page we came from, in the navigation's state
 * (`navigate(to, { state: { flash } })`), e.g. "Utföraren är skapad". Shown once: the state is cleared
 * at once, so a reload or going back does not show it again; a change of the address (a filter) ends it.
 */
export function useFlash(): string | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const [flash] = useState(() => (location.state as { flash?: unknown } | null)?.flash);
  // The address we arrived at: once the reader filters or moves on, the message is stale and goes.
  const [arrived] = useState(() => location.pathname + location.search);
  useEffect(() => {
    if (flash) void navigate(location.pathname + location.search, { replace: true, state: null });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- only the state we arrived with
  if (location.pathname + location.search !== arrived) return undefined;
  return typeof flash === 'string' ? flash : undefined;
}
