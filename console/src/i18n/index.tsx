import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { localDigits } from '../format/digits';
import { en, fa, type TextKey } from './dictionary';

export type Lang = 'fa' | 'en';
export type { TextKey } from './dictionary';

export interface I18n {
  lang: Lang;
  t: (key: TextKey) => string;
  /** Digits as the language writes them. */
  digits: (text: string | number) => string;
  setLang: (lang: Lang) => void;
}

const stored = 'pishkhan.lang';
const Context = createContext<I18n | undefined>(undefined);

function initialLang(): Lang {
  try {
    return localStorage.getItem(stored) === 'en' ? 'en' : 'fa';
  } catch {
    return 'fa';
  }
}

/** Persian first and right-to-left; English on request, remembered in this browser. */
export function LangProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
    document.title = (lang === 'fa' ? fa : en)['app.name'];
    try {
      localStorage.setItem(stored, lang);
    } catch {
      // Private windows may refuse storage; the choice then lasts the page.
    }
  }, [lang]);
  const dictionary = lang === 'fa' ? fa : en;
  const value: I18n = {
    lang,
    t: (key) => dictionary[key],
    digits: (text) => localDigits(String(text), lang),
    setLang,
  };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(Context);
  if (!i18n) throw new Error('useI18n outside LangProvider');
  return i18n;
}
