import { DepartmentInfo, LiveAlert, WindowState } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { alertMessage, alertPlace } from './alert-text';
import { hallHourMinute, itemsText, Lang } from './format';
import { TONE_ICON } from './tone';
import { useElementSize } from './useElementSize';

export interface AlertTickerProps {
  alerts: LiveAlert[];
  /** When live alerts arrived: those that came in the last seconds slide in. */
  arrivals: Record<string, number>;
  now: number;
  departmentInfo: Record<string, DepartmentInfo>;
  windows: WindowState[];
  timeZone: string;
  /** Row height in rem: the alerts page gives each alert more room. */
  rowRem?: number;
  /** Two lines per alert (the alerts page); otherwise one, cut at its end. */
  wrap?: boolean;
}

const FRESH_MS = 3000;

/** Standing alerts, newest first, each with its time, place, message and the items it bears on. */
export function AlertTicker({ alerts, arrivals, now, departmentInfo, windows, timeZone, rowRem = 2.45, wrap = false }: AlertTickerProps) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const [ref, size] = useElementSize<HTMLUListElement>();
  const byCode = new Map(windows.map((w) => [w.code, w]));
  const sorted = [...alerts].sort((a, b) => b.since.localeCompare(a.since) || a.id.localeCompare(b.id));
  const fits = Math.max(1, Math.floor(size.height / (rowRem * size.rem)));
  const shown = sorted.length > fits ? sorted.slice(0, fits - 1) : sorted;
  const breaches = alerts.filter((a) => a.severity === 'breach').length;

  return (
    <section className={`panel alerts ${wrap ? 'alerts--wrap' : ''}`} data-testid="alerts">
      <header className="panel__head">
        <h2>{t('alerts.title')}</h2>
        {alerts.length > 0 && (
          <span className="panel__note">
            <b className="text--breach">
              {TONE_ICON.breach} {t('alerts.breach')} {breaches}
            </b>{' '}
            <b className="text--warn">
              {TONE_ICON.warn} {t('alerts.warning')} {alerts.length - breaches}
            </b>
          </span>
        )}
      </header>
      <ul className="alerts__list" ref={ref}>
        {!alerts.length && <li className="panel__empty text--ok">✔ {t('alerts.none')}</li>}
        {shown.map((a) => {
          const tone = a.severity === 'breach' ? 'breach' : 'warn';
          const fresh = (arrivals[a.id] ?? 0) > now - FRESH_MS;
          return (
            <li
              key={a.id}
              className={`alert tone--${tone} ${fresh ? 'alert--new' : ''}`}
              data-testid="alert"
              data-alert-id={a.id}
              style={{ height: `${rowRem}rem` }}
            >
              <span className="alert__time">{hallHourMinute(a.since, timeZone)}</span>
              <span className="alert__sev" aria-label={t(`alerts.${a.severity}`)}>
                {TONE_ICON[tone]}
              </span>
              <span className="alert__text">
                <span className="alert__where">{alertPlace(a, lang, departmentInfo, byCode)}</span>{' '}
                <span className="alert__msg">{alertMessage(a, lang, departmentInfo)}</span>
              </span>
              <span className="alert__items">{itemsText(a.items)}</span>
            </li>
          );
        })}
        {sorted.length > shown.length && <li className="panel__more">{t('alerts.more', { n: sorted.length - shown.length })}</li>}
      </ul>
    </section>
  );
}
