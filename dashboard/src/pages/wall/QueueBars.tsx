import { DepartmentInfo, IndicatorValues } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { itemsText, Lang, waitText } from './format';
import { itemsOf } from './off-target';
import { TONE_ICON, waitTone } from './tone';
import { useElementSize } from './useElementSize';

export interface QueueBarsProps {
  departments: Record<string, IndicatorValues>;
  departmentInfo: Record<string, DepartmentInfo>;
  warnRatio: number;
  defaultTargetSec: number;
}

interface Row {
  code: string;
  name: string;
  waiting: number;
  predicted: number | null;
  target: number;
  /** Predicted wait over target; a queue with no window open ranks first. */
  load: number;
}

const ROW_REM = 2.55;

/** Departments with a queue, worst first: the wait a ticket issued now can expect, against the department's target. */
export function QueueBars({ departments, departmentInfo, warnRatio, defaultTargetSec }: QueueBarsProps) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const [ref, size] = useElementSize<HTMLDivElement>();
  const rows: Row[] = [];
  for (const [code, v] of Object.entries(departments)) {
    const waiting = v['queue.waiting'] ?? 0;
    if (waiting <= 0) continue;
    const info = departmentInfo[code];
    const target = info?.waitTargetSec ?? defaultTargetSec;
    const predicted = v['queue.wait.predicted'] ?? null;
    rows.push({
      code,
      name: info?.name[lang] ?? code,
      waiting,
      predicted,
      target,
      load: predicted === null ? Infinity : predicted / target,
    });
  }
  rows.sort((a, b) => b.load - a.load || b.waiting - a.waiting || a.code.localeCompare(b.code));
  const fits = Math.max(1, Math.floor(size.height / (ROW_REM * size.rem)));
  const shown = rows.length > fits ? rows.slice(0, fits - 1) : rows;
  const scale = Math.max(...shown.map((r) => Math.max(r.target * 1.5, r.predicted ?? 0)), 1);

  return (
    <section className={`panel queue queue--${lang}`}>
      <header className="panel__head">
        <h2>
          {t('queue.title')} <span className="panel__items">{itemsText(itemsOf('queue.sla'))}</span>
        </h2>
        <span className="panel__note">
          {t('queue.legend')} · {TONE_ICON.breach} {t('status.over')} {TONE_ICON.warn} {t('status.near')}
        </span>
      </header>
      <div className="queue__rows" ref={ref}>
        {!rows.length && <p className="panel__empty">{t('queue.none')}</p>}
        {shown.map((r) => {
          const tone = r.predicted === null ? 'breach' : waitTone(r.predicted, r.target, warnRatio);
          const width = r.predicted === null ? 100 : Math.max(2, (r.predicted / scale) * 100);
          return (
            <div key={r.code} className={`qrow tone--${tone}`} data-testid={`queue-${r.code}`} style={{ height: `${ROW_REM}rem` }}>
              <span className="qrow__name">{r.name}</span>
              <span className="qrow__track">
                <span className="qrow__bar" style={{ width: `${width}%` }} />
                <span className="qrow__target" style={{ left: `${(r.target / scale) * 100}%` }} />
              </span>
              <span className="qrow__count">{t('queue.waiting', { n: r.waiting })}</span>
              <span className="qrow__wait">
                {tone === 'breach' || tone === 'warn' ? `${TONE_ICON[tone]} ` : ''}
                {r.predicted === null ? t('queue.noWindow') : waitText(r.predicted, lang)}
              </span>
            </div>
          );
        })}
        {rows.length > shown.length && <p className="panel__more">{t('queue.more', { n: rows.length - shown.length })}</p>}
      </div>
    </section>
  );
}
