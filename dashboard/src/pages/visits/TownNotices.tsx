import type { VisitNoticeView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { visitsApi } from './api';

/** A town centre's own page: the notices the office sent it after its visits, and its answers. */
export function TownNotices({ town }: { town: string }) {
  const { t } = useTranslation('visits');
  const [rows, setRows] = useState<VisitNoticeView[] | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    visitsApi.addressed(town).then(setRows, (err: unknown) => setError(errorText(err)));
  }, [town]);
  const send = (id: string) =>
    visitsApi.reply(town, id, drafts[id] ?? '').then(
      (n) => setRows((r) => r?.map((x) => (x.id === n.id ? n : x)) ?? null),
      (err: unknown) => setError(errorText(err)),
    );
  return (
    <section className="vs-town">
      <h2>{t('town_notices.title')}</h2>
      {error && <p className="vs-error">{error}</p>}
      {rows && !rows.length && <p className="vs-muted">{t('town_notices.none')}</p>}
      <ul className="vs-finding-list">
        {rows?.map((n) => (
          <li key={n.id} className="vs-finding">
            <div>
              <strong>{n.number}</strong> · {n.visit.siteName} · {t(`kind.${n.visit.kind}`)} {n.visit.plannedOn}
            </div>
            <div>{n.finding.text}</div>
            {n.reply ? (
              <div className="vs-muted">
                {t('notice.reply')}：{n.reply}
              </div>
            ) : (
              <div className="vs-reply">
                <textarea
                  aria-label={t('town_notices.reply')}
                  placeholder={t('town_notices.reply')}
                  value={drafts[n.id] ?? ''}
                  onChange={(e) => setDrafts((d) => ({ ...d, [n.id]: e.target.value }))}
                />
                <button type="button" onClick={() => void send(n.id)}>
                  {t('town_notices.send')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
