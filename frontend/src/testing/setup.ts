import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { resetSessionForTests } from '@/lib/auth/session';
import { loadLanguage } from '@/lib/i18n';

// English is fetched on demand in the app; tests switch to it at once.
beforeAll(() => loadLanguage('en'));

beforeEach(() => {
  resetSessionForTests();
  localStorage.clear();
  document.documentElement.lang = 'sv';
});

afterEach(() => {
  cleanup();
});
