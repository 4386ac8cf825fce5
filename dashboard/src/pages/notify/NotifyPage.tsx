import '../office-page.css';
import '../trends/trends.css';
import type { ChannelTestResult, ChannelView } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { useShell } from '../../shell/context';
import { OfficeHeader, PageError } from '../OfficeTop';
import { notifyApi } from './api';
import { ChannelForm } from './ChannelForm';
import { DeliveryLog } from './DeliveryLog';
import './i18n';
import './notify.css';

type TestState = { busy: true } | { busy: false; result: ChannelTestResult } | { busy: false; error: string };

// 通知渠道 (docs/notifications.md): a site's channels with their health and a test button, the
// form that adds or edits one (secrets write-only), and the log of every message sent.
export function NotifyPage() {
  const { t } = useTranslation('notify');
  const { site, sites } = useShell();
  const chosen = site ?? sites?.[0]?.code ?? null;
  const [channels, setChannels] = useState<ChannelView[] | null>(null);
  const [editing, setEditing] = useState<ChannelView | 'new' | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const fail = useCallback((err: unknown) => setError(`${t('errorPrefix')}${errorText(err)}`), [t]);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    notifyApi.channels(chosen).then((c) => live && setChannels(c), fail);
    return () => {
      live = false;
    };
  }, [chosen, version, fail]);

  const test = async (c: ChannelView) => {
    if (!chosen) return;
    setTests((x) => ({ ...x, [c.id]: { busy: true } }));
    try {
      const result = await notifyApi.test(chosen, c.id);
      setTests((x) => ({ ...x, [c.id]: { busy: false, result } }));
    } catch (err) {
      setTests((x) => ({ ...x, [c.id]: { busy: false, error: errorText(err) } }));
    }
    setVersion((v) => v + 1);
  };

  const testLine = (c: ChannelView) => {
    const s = tests[c.id];
    if (!s || s.busy) return null;
    if ('error' in s)
      return (
        <p className="nf-test nf-test--bad" role="alert">
          {s.error}
        </p>
      );
    const r = s.result;
    const text = r.ok
      ? t('testOk', { status: r.status ?? '' })
      : r.status === null && r.answer.startsWith('no answer yet')
        ? t('testQueued', { answer: r.answer })
        : t('testFailed', { status: r.status ?? '—', answer: r.answer });
    return (
      <p className={`nf-test ${r.ok ? 'nf-test--ok' : 'nf-test--bad'}`} role="status" data-testid="nf-test-result">
        {text}
      </p>
    );
  };

  return (
    <div className="office-page nf-page" data-loading={channels ? 'no' : 'yes'}>
      <OfficeHeader title={t('title')} subtitle={t('subtitle')} />
      <PageError error={error} />
      <section className="tr-panel" data-testid="nf-channels">
        <div className="nf-section-head">
          <h2>{t('channels')}</h2>
          <button type="button" className="tr-button tr-button--primary" onClick={() => setEditing('new')} data-testid="nf-add">
            {t('add')}
          </button>
        </div>
        {chosen && editing && (
          <ChannelForm
            key={editing === 'new' ? 'new' : editing.id}
            site={chosen}
            channel={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              setVersion((v) => v + 1);
            }}
          />
        )}
        {channels && channels.length === 0 && <p className="office-muted">{t('none')}</p>}
        {channels && channels.length > 0 && (
          <table className="nf-table">
            <thead>
              <tr>
                {(['name', 'kind', 'health', 'rate', 'secrets', 'actions'] as const).map((c) => (
                  <th key={c}>{t(`col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id} data-health={c.health}>
                  <td>
                    <strong>{c.name}</strong>
                    {!c.enabled && <span className="nf-tag">{t('disabled')}</span>}
                  </td>
                  <td>{t(`kind.${c.kind}`)}</td>
                  <td>
                    <span className={`nf-health nf-health--${c.health}`}>{t(`health.${c.health}`)}</span>
                    {c.consecutiveFailures > 0 && <div className="office-muted">{t('failures', { n: c.consecutiveFailures })}</div>}
                    {c.health === 'unhealthy' && c.lastError && <div className="nf-answer">{c.lastError}</div>}
                  </td>
                  <td className="tr-num">{c.ratePerMinute}</td>
                  <td className="nf-hints">
                    {Object.entries(c.secrets).map(([f, hint]) => (
                      <div key={f}>
                        <code>{f}</code> {hint ?? '—'}
                      </div>
                    ))}
                  </td>
                  <td>
                    <div className="nf-actions">
                      <button type="button" className="tr-button" onClick={() => setEditing(c)}>
                        {t('edit')}
                      </button>
                      <button
                        type="button"
                        className="tr-button"
                        disabled={tests[c.id]?.busy === true || !c.enabled}
                        onClick={() => void test(c)}
                      >
                        {tests[c.id]?.busy ? t('testing') : t('test')}
                      </button>
                    </div>
                    {testLine(c)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {chosen && <DeliveryLog site={chosen} channels={channels ?? []} version={version} />}
    </div>
  );
}
