import { ABSENCE_KIND_LABELS, ROLL_CALL_STATES, type RollCallView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { absencesApi } from './api';
import { hallTime, Lang, span } from './format';

interface Props {
  site: string;
  lang: Lang;
  timeZone: string;
  fail: (err: unknown) => void;
}

/** Today's roster, each member on post, explained by the register (外出, 请假), or not. */
export function RollCallTab({ site, lang, timeZone, fail }: Props) {
  const { t } = useTranslation('absences');
  const [view, setView] = useState<RollCallView | null>(null);
  useEffect(() => {
    let live = true;
    absencesApi.rollCall(site).then((v) => live && setView(v), fail);
    return () => {
      live = false;
    };
  }, [site, fail]);
  if (!view) return <p className="office-muted">{t('loading')}</p>;
  const count = (s: string) => view.staff.filter((r) => r.state === s).length;
  return (
    <section className="ab-panel" data-testid="ab-roll-call">
      <header className="ab-panel__head">
        <h2>{t('roll.title')}</h2>
        <span className="office-muted">{t('roll.asOf', { at: hallTime(view.asOf, timeZone) })}</span>
      </header>
      <div className="ab-chips">
        {ROLL_CALL_STATES.map((s) => (
          <span key={s} className={`ab-roll ab-roll--${s} ${count(s) === 0 ? 'ab-roll--zero' : ''}`} data-testid={`ab-count-${s}`}>
            {t(`rollState.${s}`)} <b>{count(s)}</b>
          </span>
        ))}
      </div>
      {view.staff.length === 0 ? (
        <p className="office-muted">{t('roll.none')}</p>
      ) : (
        <table className="ab-table">
          <thead>
            <tr>
              <th>{t('col.department')}</th>
              <th>{t('col.staff')}</th>
              <th>{t('roll.window')}</th>
              <th>{t('col.state')}</th>
              <th>{t('roll.since')}</th>
              <th>{t('roll.entry')}</th>
            </tr>
          </thead>
          <tbody>
            {view.staff.map((r) => (
              <tr key={r.staff} data-testid={`ab-roll-${r.staff}`} data-state={r.state}>
                <td>{r.departmentName?.[lang] ?? r.department ?? '—'}</td>
                <td>
                  <b>{r.name}</b> <span className="office-muted ab-code">{r.staff}</span>
                </td>
                <td>{r.window ?? '—'}</td>
                <td>
                  <span className={`ab-roll ab-roll--${r.state}`}>{t(`rollState.${r.state}`)}</span>
                </td>
                <td className="ab-nowrap">{hallTime(r.since, timeZone, true) || '—'}</td>
                <td className="ab-nowrap">
                  {r.entry ? `${ABSENCE_KIND_LABELS[r.entry.kind][lang]} ${span(r.entry.from, r.entry.to, timeZone)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
