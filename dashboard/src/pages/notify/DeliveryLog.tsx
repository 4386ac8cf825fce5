import { DELIVERY_STATES, type ChannelView, type DeliveryState, type DeliveryView } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { notifyApi } from './api';

const time = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** What became of each message: its state, attempts and the channel's last answer, filtered by channel and state. */
export function DeliveryLog({ site, channels, version }: { site: string; channels: ChannelView[]; version: number }) {
  const { t, i18n } = useTranslation('notify');
  const [channel, setChannel] = useState<string | null>(null);
  const [state, setState] = useState<DeliveryState | null>(null);
  const [rows, setRows] = useState<DeliveryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  const load = useCallback(() => {
    notifyApi.deliveries(site, { channel, state }).then(
      (r) => {
        setRows(r);
        setError(null);
      },
      (err: unknown) => setError(`${t('errorPrefix')}${errorText(err)}`),
    );
  }, [site, channel, state, t]);

  useEffect(load, [load, version, tick]);

  return (
    <section className="tr-panel nf-log" data-testid="nf-log">
      <div className="nf-section-head">
        <h2>{t('log.title')}</h2>
        <div className="tr-controls nf-filters">
          <label>
            {t('log.channel')}
            <select value={channel ?? ''} onChange={(e) => setChannel(e.target.value || null)} data-testid="nf-log-channel">
              <option value="">{t('log.all')}</option>
              {channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('log.state')}
            <select
              value={state ?? ''}
              onChange={(e) => setState((e.target.value || null) as DeliveryState | null)}
              data-testid="nf-log-state"
            >
              <option value="">{t('log.all')}</option>
              {DELIVERY_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="tr-button" onClick={() => setTick((n) => n + 1)}>
            {t('log.refresh')}
          </button>
        </div>
      </div>
      {error && (
        <p className="tr-error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="office-muted">{t('log.none')}</p>}
      {rows && rows.length > 0 && (
        <div className="tr-scroll">
          <table className="nf-table">
            <thead>
              <tr>
                {(['at', 'channel', 'title', 'state', 'attempts', 'status', 'answer'] as const).map((c) => (
                  <th key={c}>{t(`log.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} data-state={d.state}>
                  <td className="nf-nowrap">{time(d.createdAt, i18n.language)}</td>
                  <td>{d.channelName}</td>
                  <td>
                    {d.title}
                    {d.batchId && <span className="nf-tag">{t('log.merged')}</span>}
                  </td>
                  <td>
                    <span className={`nf-state nf-state--${d.state}`}>
                      {d.state === 'queued' && d.attempts > 0 ? t('retrying') : t(`state.${d.state}`)}
                    </span>
                  </td>
                  <td className="tr-num">{d.attempts}</td>
                  <td className="tr-num">{d.lastStatus ?? '—'}</td>
                  <td className="nf-answer">{d.lastAnswer ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
