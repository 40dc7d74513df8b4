import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { resetSessionForTests } from '@/lib/auth/session';
import { loadLanguage } from '@/lib/i18n';

// Pages are loaded on demand (lazy routes): on a busy 2-core CI machine the first render of one can
// take longer than Testing Library's default second, so `findBy…` waits up to five.
configure({ asyncUtilTimeout: 5000 });

// English is fetched on demand in the app; tests switch to it at once.
beforeAll(() => loadLanguage('en'));

beforeEach(() => {
  resetSessionForTests();
  localStorage.clear();
  sessionStorage.clear();
  document.documentElement.lang = 'sv';
});

afterEach(() => {
  cleanup();
});
