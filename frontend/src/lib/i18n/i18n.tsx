/**
 * A tiny dictionary-based translation layer: Swedish by default, English on request.
 * The chosen language is remembered in localStorage and set on <html lang>.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Dictionary, MessageKey } from './keys';
import { sv } from './sv';

export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['sv', 'en'];

/**
 * The dictionaries loaded so far. English is a chunk of its own, fetched when someone asks for it,
 * so that the login page does not carry a language most people never see.
 */
const dictionaries: Partial<Record<Language, Partial<Dictionary>>> = { sv };
const loaders: Record<Language, () => Promise<Partial<Dictionary>>> = {
  sv: () => Promise.resolve(sv),
  en: () => import('./en').then((module) => module.en),
};

/**
 * Adds the Swedish words a feature's chunk brings (its part of the dictionary, e.g. `svReviews`), so
 * that the login page carries none of them. A feature calls it once, at the top of its `words.ts`,
 * which every component of it that shows those words imports. English needs none: its one chunk
 * has every key.
 */
export function addWords(words: Partial<Dictionary>): void {
  dictionaries.sv = { ...dictionaries.sv, ...words };
}

/** Whether a language's words are here, so that it can be shown at once. */
export function isLanguageLoaded(language: Language): boolean {
  return dictionaries[language] !== undefined;
}

/** Fetches a language's words (once). */
export async function loadLanguage(language: Language): Promise<void> {
  dictionaries[language] ??= await loaders[language]();
}

/** Fetches the remembered language's words, so that the first page is shown in it; never fails. */
export async function loadSavedLanguage(): Promise<void> {
  try {
    await loadLanguage(savedLanguage());
  } catch {
    // Not reachable now: the app starts in Swedish, and the switch can try again.
  }
}

/** The language shown now, for code outside React (the API client asks for messages in it). */
let activeLanguage: Language = 'sv';
export function getActiveLanguage(): Language {
  return activeLanguage;
}
const STORAGE_KEY = 'sesam.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Looks a key up and fills in `{name}` placeholders. */
export function translate(
  language: Language,
  key: MessageKey,
  vars?: Record<string, string | number>,
): string {
  const text = dictionaries[language]?.[key] ?? dictionaries.sv?.[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Keys that come in a singular and a plural form: `base.one` and `base.other`, with `{n}`. */
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** The singular or plural form of `base` for `n`, with `{n}` filled in. */
export function plural(t: Translate, base: PluralBase, n: number): string {
  return t(`${base}.${n === 1 ? 'one' : 'other'}` as MessageKey, { n });
}

function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'sv' || saved === 'en') return saved;
  } catch {
    // storage unavailable: default
  }
  return 'sv';
}

/** The remembered language if its words are here (see `loadSavedLanguage`), else Swedish. */
function initialLanguage(): Language {
  const saved = savedLanguage();
  return isLanguageLoaded(saved) ? saved : 'sv';
}

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

/** Gives its children the language and `t`. A fixed `language` (tests) must be loaded first (`loadLanguage`). */
export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => fixed ?? initialLanguage());

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    const show = () => {
      setLanguageState(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not remembered; still switched
      }
    };
    // Words already here switch at once; otherwise after they arrive (a failed fetch leaves the
    // language as it is, and the switch can be pressed again).
    if (isLanguageLoaded(next)) show();
    else void loadLanguage(next).then(show, () => undefined);
  }, []);

  activeLanguage = language;
  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: (key, vars) => translate(language, key, vars) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}
