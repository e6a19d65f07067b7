import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import da from './locales/da.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };

export const languages = ['en', 'nl', 'da'] as const;

/** Before sign-in the browser's language decides; after it, the language saved for the person. */
const browser = navigator.language.slice(0, 2);
const initial = (languages as readonly string[]).includes(browser) ? browser : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, nl: { translation: nl }, da: { translation: da } },
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = initial;

export default i18n;
