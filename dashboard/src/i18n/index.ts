import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('hallwatch.lang') : null;
const fromUrl = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;

// Chinese first: the hall's staff read Chinese; English is a switch.
void i18next.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: fromUrl ?? saved ?? 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export function setLanguage(lng: 'zh' | 'en'): void {
  localStorage.setItem('hallwatch.lang', lng);
  void i18next.changeLanguage(lng);
}

export { i18next };

/**
 * Screens bring their own strings under their own namespace (e.g. "patrol"), so screens are
 * added without touching each other's files: `t('patrol:title')`.
 */
export function registerTranslations(ns: string, resources: { zh: Record<string, unknown>; en: Record<string, unknown> }): void {
  i18next.addResourceBundle('zh', ns, resources.zh, true, true);
  i18next.addResourceBundle('en', ns, resources.en, true, true);
}
