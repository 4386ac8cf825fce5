import { NOTICE_STATE_LABELS, type PatrolNoticeDocumentView } from '@hallwatch/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, get } from '../../api';
import { goToSignIn } from '../../auth/session';
import { setLanguage } from '../../i18n';
import './i18n';
import './notice.css';

type Lang = 'zh' | 'en';

/** A moment as documents write it: 2024年7月18日17时00分, or 18 July 2024, 17:00. */
function documentTime(iso: string, timeZone: string, lang: Lang, withTime = true): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  if (lang === 'zh')
    return `${p('year')}年${Number(p('month'))}月${Number(p('day'))}日${withTime ? `${Number(p('hour'))}时${p('minute')}分` : ''}`;
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
  return withTime ? `${date}, ${p('hour')}:${p('minute')}` : date;
}

/**
 * The 督查告知书 as it is printed and signed: the office's red heading, the 文号 and the red rule,
 * the addressee, the facts with the photo, the requirement, the deadline, the office and the date.
 * The same document as the server's PDF; printed from the browser on A4 (notice.css).
 */
export function NoticePage() {
  const { t, i18n } = useTranslation('notice');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const params = new URLSearchParams(window.location.search);
  const site = params.get('site') ?? '';
  const id = params.get('id') ?? '';
  const [doc, setDoc] = useState<PatrolNoticeDocumentView | null>(null);
  const [error, setError] = useState<string | null>(site && id ? null : 'missing');
  const base = `/api/v1/admin/sites/${encodeURIComponent(site)}/patrol/notices/${encodeURIComponent(id)}`;

  useEffect(() => {
    if (!site || !id) return;
    get<PatrolNoticeDocumentView>(base).then(setDoc, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) goToSignIn();
      else setError(errorText(err));
    });
  }, [base, site, id]);

  useEffect(() => {
    if (doc) document.title = `${t('docTitle')} ${doc.notice.number ?? ''}`;
  }, [doc, t]);

  const text = useMemo(() => {
    if (!doc) return null;
    const tz = doc.site.timezone;
    const f = doc.facts;
    const window = !f.window ? '' : f.window.number !== null ? t('window', { n: f.window.number }) : ` (${f.window.code})`;
    return {
      facts:
        t('facts', {
          time: documentTime(f.occurredAt, tz, lang),
          checkpoint: f.checkpoint.label[lang],
          window,
          note: f.note?.trim() || t('factsNoNote'),
        }) +
        (f.severity ? t('severity', { level: t(`levels.${f.severity}`) }) : '') +
        (doc.notice.items.length ? t('items', { items: doc.notice.items.join(lang === 'zh' ? '、' : ', ') }) : ''),
      deadline: t('deadlineText', { time: documentTime(doc.notice.deadline, tz, lang) }),
      date: documentTime(doc.notice.issuedAt, tz, lang, false),
      department: (lang === 'en' && doc.department.nameEn) || doc.department.name,
    };
  }, [doc, lang, t]);

  return (
    <main className="np-page">
      <div className="np-toolbar">
        <button type="button" onClick={() => window.print()} data-testid="notice-print-button">
          {t('print')}
        </button>
        {doc && (
          <a href={`${base}.pdf`} download data-testid="notice-pdf-link">
            {t('pdf')}
          </a>
        )}
        <button type="button" onClick={() => setLanguage(lang === 'en' ? 'zh' : 'en')} data-testid="lang">
          {t('language')}
        </button>
      </div>
      {error && <p role="alert">{error === 'missing' ? t('noNotice') : t('failed', { message: error })}</p>}
      {!doc && !error && <p>{t('loading')}</p>}
      {doc && text && (
        <>
          <article className="np-sheet" data-testid="notice-sheet" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
            <header className="np-red">
              <h1 className="np-issuer">{doc.issuer}</h1>
              <p className="np-kind">{t('kind')}</p>
            </header>
            <p className="np-number" data-testid="notice-number">
              {doc.notice.number}
            </p>
            <hr className="np-rule" />
            <p className="np-to" data-testid="notice-addressee">
              {text.department}
              {lang === 'zh' ? '：' : ':'}
            </p>
            <p className="np-para" data-testid="notice-facts">
              {text.facts}
            </p>
            {doc.facts.photo && (
              <figure className="np-photo">
                <img src={doc.facts.photo} alt={t('photo')} />
                <figcaption>{t('photo')}</figcaption>
              </figure>
            )}
            <h2 className="np-label">{t('requirement')}</h2>
            <p className="np-para" data-testid="notice-requirement">
              {doc.requirement}
            </p>
            <h2 className="np-label">{t('deadline')}</h2>
            <p className="np-para" data-testid="notice-deadline">
              {text.deadline}
            </p>
            <footer className="np-sign">
              <span>{doc.issuer}</span>
              <span>{text.date}</span>
            </footer>
          </article>
          <aside className="np-progress" data-testid="notice-progress">
            <h2>{t('stateTitle')}</h2>
            <p>{t('state', { state: NOTICE_STATE_LABELS[doc.state][lang] })}</p>
            <p>
              {doc.notice.reply && doc.notice.repliedAt
                ? t('reply', {
                    who: doc.notice.repliedBy ?? '—',
                    time: documentTime(doc.notice.repliedAt, doc.site.timezone, lang),
                    reply: doc.notice.reply,
                  })
                : t('noReply')}
            </p>
            {doc.notice.escalatedAt && <p>{t('escalated', { time: documentTime(doc.notice.escalatedAt, doc.site.timezone, lang) })}</p>}
            {doc.notice.acceptedAt && (
              <p>
                {t('accepted', { time: documentTime(doc.notice.acceptedAt, doc.site.timezone, lang), who: doc.notice.acceptedBy ?? '—' })}
              </p>
            )}
          </aside>
        </>
      )}
    </main>
  );
}
