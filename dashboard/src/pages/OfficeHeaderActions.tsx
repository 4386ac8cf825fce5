import { signOut } from '../auth/session';
import { setLanguage } from '../i18n';

/** The language switch and sign-out at the top right of the desktop pages, in the page's own words. */
export function OfficeHeaderActions({
  lang,
  languageLabel,
  signOutLabel,
}: {
  lang: 'zh' | 'en';
  languageLabel: string;
  signOutLabel: string;
}) {
  return (
    <div className="office-header__actions">
      <button type="button" className="tr-button" onClick={() => setLanguage(lang === 'zh' ? 'en' : 'zh')} data-testid="language">
        {languageLabel}
      </button>
      <button type="button" className="tr-button" onClick={() => void signOut()} data-testid="sign-out">
        {signOutLabel}
      </button>
    </div>
  );
}
