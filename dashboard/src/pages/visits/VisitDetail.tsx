import { VISIT_NOTICE_DEFAULT_DAYS, type VisitDetailView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { visitsApi } from './api';

/** A visit as the office follows it: the checklist as judged, the findings and their notices to the town. */
export function VisitDetail({
  office,
  view,
  canAct,
  onChange,
  onError,
  onClose,
}: {
  office: string;
  view: VisitDetailView;
  canAct: boolean;
  onChange: (v: VisitDetailView) => void;
  onError: (text: string) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('visits');
  const l = i18n.language.startsWith('en') ? 'en' : 'zh';
  const v = view.visit;
  const fail = (err: unknown) => onError(errorText(err));
  const refresh = () => visitsApi.detail(office, v.id).then(onChange, fail);
  return (
    <section className="vs-detail" aria-label={t('detail.title')} data-visit={v.id}>
      <header className="vs-detail__head">
        <h2>
          {l === 'en' ? (v.site.nameEn ?? v.site.name) : v.site.name} · {t(`kind.${v.kind}`)}
        </h2>
        <span className={`vs-state vs-state--${v.state}`}>{t(`state.${v.state}`)}</span>
        <button type="button" className="vs-link" onClick={onClose}>
          {t('detail.close')}
        </button>
      </header>
      <p className="vs-muted">
        {v.plannedOn} · {v.assignee}
        {v.summary ? ` · ${t('detail.summary')}：${v.summary}` : ''}
      </p>
      {v.mystery && (
        <p className="vs-mystery-line">
          {t('detail.mystery')}：{t('detail.waited', { n: v.mystery.waitedMin })} ·{' '}
          {v.mystery.servedCorrectly ? t('detail.served.yes') : t('detail.served.no')} · {v.mystery.experience}
        </p>
      )}
      <h3>{t('detail.checks')}</h3>
      <ul className="vs-checks">
        {view.checks.map((c) => (
          <li key={c.point} className={`vs-check vs-check--${c.result ?? 'todo'}`}>
            <span className="vs-check__mark">{c.result === 'pass' ? '✓' : c.result === 'fail' ? '✗' : '·'}</span>
            <span>{c.label[l]}</span>
            {c.note && <span className="vs-muted"> — {c.note}</span>}
            {c.photo && (
              <a href={c.photo} target="_blank" rel="noreferrer" className="vs-link">
                {t('log.photo')}
              </a>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('detail.findings')}</h3>
      {!view.findings.length && <p className="vs-muted">{t('detail.noFindings')}</p>}
      <ul className="vs-finding-list">
        {view.findings.map((f) => (
          <li key={f.id} className={`vs-finding vs-finding--${f.state}`} data-finding={f.id}>
            <div>
              <span className={`vs-state vs-state--${f.state}`}>{t(`finding.${f.state}`)}</span> {f.text}
            </div>
            {f.notice && (
              <div className="vs-muted">
                {t('notice.number')} {f.notice.number} · {t('notice.deadline')}{' '}
                {new Date(Date.parse(f.notice.deadline) - 1).toLocaleDateString(l === 'en' ? 'en-GB' : 'zh-CN')}
                {f.notice.overdue && <strong className="vs-bad"> · {t('notice.overdue')}</strong>}
                {f.notice.reply && (
                  <>
                    {' '}
                    · {t('notice.reply')}：{f.notice.reply}
                  </>
                )}{' '}
                <a
                  className="vs-link"
                  href={`/notice?site=${encodeURIComponent(f.notice.office)}&id=${f.notice.id}`}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('notice.print')}
                </a>
              </div>
            )}
            {canAct && f.state === 'open' && (
              <button type="button" onClick={() => visitsApi.notice(office, v.id, f.id, {}).then(onChange, fail)}>
                {t('detail.issue', { n: VISIT_NOTICE_DEFAULT_DAYS })}
              </button>
            )}
            {canAct && f.state === 'answered' && f.notice && (
              <button type="button" onClick={() => visitsApi.accept(f.notice!.office, f.notice!.id).then(refresh, fail)}>
                {t('detail.accept')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
