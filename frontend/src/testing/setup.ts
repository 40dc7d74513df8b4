import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetSessionForTests } from '@/lib/auth/session';

beforeEach(() => {
  resetSessionForTests();
  localStorage.clear();
  document.documentElement.lang = 'sv';
});

afterEach(() => {
  cleanup();
});
