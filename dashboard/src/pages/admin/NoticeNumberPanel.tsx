import { formatNoticeNumber, noticeNumberPatternProblem, type SiteSettings } from '@hallwatch/shared';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { formErrors } from './form-errors';
import './notice-number-i18n';
import './notice-number.css';
import { FieldError } from './SecretOnce';

const FIELDS = ['noticeNumberPattern', 'noticeIssuer'] as const;
type Field = (typeof FIELDS)[number];

/** The site's 文号 pattern and issuing office (site settings), with the number the next notice would get as an example. */
export function NoticeNumberPanel({ site, fail }: { site: string; fail: (err: unknown) => void }) {
  const { t } = useTranslation('adminNotices');
  const [saved, setSaved] = useState<SiteSettings | null>(null);
  const [pattern, setPattern] = useState('');
  const [issuer, setIssuer] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState(false);

  useEffect(() => {
    adminApi.settings(site).then((s) => {
      setSaved(s);
      setPattern(s.noticeNumberPattern);
      setIssuer(s.noticeIssuer ?? '');
    }, fail);
  }, [site, fail]);

  if (!saved) return null;
  const year = new Date().getFullYear();
  const example = noticeNumberPatternProblem(pattern) === null ? formatNoticeNumber(pattern, { site: t('siteName'), year, seq: 1 }) : null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const patch: Partial<SiteSettings> = {};
    if (pattern !== saved.noticeNumberPattern) patch.noticeNumberPattern = pattern;
    const office = issuer.trim() || null;
    if (office !== saved.noticeIssuer) patch.noticeIssuer = office;
    if (!Object.keys(patch).length) return setDone(true);
    try {
      const next = await adminApi.updateSettings(site, patch);
      setSaved(next);
      setPattern(next.noticeNumberPattern);
      setIssuer(next.noticeIssuer ?? '');
      setErrors({});
      setDone(true);
    } catch (err) {
      setErrors(formErrors(err, FIELDS, fail));
    }
  };

  const error = (field: Field) => <FieldError message={errors[field] && `${t('notSaved')}${errors[field]}`} testId={`error-${field}`} />;
  return (
    <section className="ad-panel ad-notice-number" data-testid="notice-number-settings">
      <h2 className="ad-h2">{t('title')}</h2>
      <p className="office-muted office-small">{t('hint')}</p>
      <form className="ad-settings ad-settings--wide" onSubmit={(e) => void save(e)} noValidate>
        <div className="ad-settings__row">
          <label htmlFor="setting-noticeNumberPattern">{t('pattern')}</label>
          <input
            id="setting-noticeNumberPattern"
            name="noticeNumberPattern"
            value={pattern}
            maxLength={60}
            aria-invalid={errors.noticeNumberPattern ? true : undefined}
            onChange={(e) => {
              setPattern(e.target.value);
              setDone(false);
            }}
          />
          <span className="office-muted office-small">
            {t('patternHelp')}
            {example && ` ${t('example', { number: example })}`}
          </span>
          {error('noticeNumberPattern')}
        </div>
        <div className="ad-settings__row">
          <label htmlFor="setting-noticeIssuer">{t('issuer')}</label>
          <input
            id="setting-noticeIssuer"
            name="noticeIssuer"
            value={issuer}
            maxLength={60}
            aria-invalid={errors.noticeIssuer ? true : undefined}
            onChange={(e) => {
              setIssuer(e.target.value);
              setDone(false);
            }}
          />
          <span className="office-muted office-small">{t('issuerHelp')}</span>
          {error('noticeIssuer')}
        </div>
        <div className="ad-settings__actions">
          <button type="submit" className="tr-button tr-button--primary" data-testid="save-notice-number">
            {t('save')}
          </button>
          {done && (
            <span className="ad-good" data-testid="notice-number-saved">
              {t('saved')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
