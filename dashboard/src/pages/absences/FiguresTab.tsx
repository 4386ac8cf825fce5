import type { AbsenceFigureRow, AbsenceFiguresView, Me } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { absencesApi } from './api';
import { days, hallToday, Lang } from './format';

interface Props {
  site: string;
  me: Me;
  lang: Lang;
  timeZone: string;
  onTimeZone: (zone: string) => void;
  fail: (err: unknown) => void;
}

const params = new URLSearchParams(location.search);

const COLUMNS: Array<{ key: keyof AbsenceFigureRow; label: string; strong?: boolean; days?: boolean }> = [
  { key: 'officialBusiness', label: 'fig.officialBusiness' },
  { key: 'meetings', label: 'fig.meetings' },
  { key: 'outings', label: 'fig.outings', strong: true },
  { key: 'leaves', label: 'fig.leaves' },
  { key: 'leaveDays', label: 'fig.leaveDays', days: true },
  { key: 'lateFilings', label: 'fig.lateFilings' },
  { key: 'pending', label: 'fig.pending' },
  { key: 'unregistered', label: 'fig.unregistered', strong: true },
  { key: 'outingsUnregistered', label: 'fig.outingsUnregistered' },
  { key: 'walkOffs', label: 'fig.walkOffs' },
  { key: 'overruns', label: 'fig.overruns' },
];

/** The month's figures per department, the workbook, and the figures filed as evidence on items 50 and 51. */
export function FiguresTab({ site, me, lang, timeZone, onTimeZone, fail }: Props) {
  const { t } = useTranslation('absences');
  const [monthChoice, setMonth] = useState<string | null>(params.get('month'));
  const month = monthChoice ?? hallToday(timeZone).slice(0, 7);
  const [view, setView] = useState<AbsenceFiguresView | null>(null);
  const [busy, setBusy] = useState<'export' | 'evidence' | null>(null);
  const [filed, setFiled] = useState<string | null>(null);
  const files = me.role === 'admin' || me.role === 'supervisor';

  useEffect(() => {
    let live = true;
    absencesApi.figures(site, month).then((v) => {
      if (!live) return;
      setView(v);
      onTimeZone(v.timeZone);
    }, fail);
    return () => {
      live = false;
    };
  }, [site, month, fail, onTimeZone]);

  const act = async (what: 'export' | 'evidence') => {
    setBusy(what);
    try {
      if (what === 'export') await absencesApi.exportFigures(site, month);
      else {
        const r = await absencesApi.evidence(site, month);
        setFiled(t('fig.evidenceDone', { items: r.items.map((i) => i.number).join(lang === 'zh' ? '、' : ', ') }));
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const cell = (r: AbsenceFigureRow, c: (typeof COLUMNS)[number]) => {
    const v = r[c.key] as number;
    return (
      <td key={c.key} className={`ab-num ${c.strong ? 'ab-num--strong' : ''} ${c.key === 'unregistered' && v > 0 ? 'ab-bad' : ''}`}>
        {c.days ? days(v) : v}
      </td>
    );
  };

  return (
    <section className="ab-panel" data-testid="ab-figures">
      <form className="tr-controls ab-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('fig.month')}
          <input
            type="month"
            value={month}
            max={hallToday(timeZone).slice(0, 7)}
            onChange={(e) => {
              if (!e.target.value) return;
              setMonth(e.target.value);
              setFiled(null);
            }}
            data-testid="ab-month"
          />
        </label>
        <button type="button" className="tr-button" disabled={busy !== null} onClick={() => void act('export')} data-testid="ab-export">
          {busy === 'export' ? t('fig.exporting') : t('fig.export')}
        </button>
        {files && (
          <button
            type="button"
            className="tr-button"
            disabled={busy !== null}
            onClick={() => void act('evidence')}
            data-testid="ab-evidence"
          >
            {busy === 'evidence' ? t('fig.filing') : t('fig.evidence')}
          </button>
        )}
        {filed && (
          <span className="ab-done" role="status">
            {filed}
          </span>
        )}
      </form>
      {!view ? (
        <p className="office-muted">{t('loading')}</p>
      ) : (
        <>
          <div className="ab-scroll">
            <table className="ab-table ab-figures" data-testid="ab-figures-table">
              <thead>
                <tr>
                  <th>{t('col.department')}</th>
                  {COLUMNS.map((c) => (
                    <th key={c.key} className="ab-num">
                      {t(c.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.departments.map((r) => (
                  <tr key={r.department ?? '-'} data-testid={`ab-fig-${r.department ?? 'none'}`}>
                    <td>{r.name[lang]}</td>
                    {COLUMNS.map((c) => cell(r, c))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="ab-fig-total">
                  <td>{t('fig.total')}</td>
                  {COLUMNS.map((c) => cell(view.total, c))}
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="office-muted office-small">{t('fig.note', { minutes: Math.round(view.allowedBreakSec / 60) })}</p>
        </>
      )}
    </section>
  );
}
