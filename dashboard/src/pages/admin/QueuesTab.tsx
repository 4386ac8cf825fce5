import { QUEUE_JOB_STATES, type FailedJobsView, type QueueCountsView, type QueueName } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queuesApi } from './queues-api';
import './queues-i18n';
import { when } from './SecretOnce';
import type { AdminTabProps } from './tab-props';

// The background queues of every server and worker: jobs by state, a queue's failed jobs with
// their errors (never their data), and a retry that puts one back in line.
export function QueuesTab({ timeZone, fail, allSites }: Omit<AdminTabProps, 'site' | 'lang'> & { allSites: boolean }) {
  const { t } = useTranslation('adminQueues');
  const [queues, setQueues] = useState<QueueCountsView[] | null>(null);
  const [open, setOpen] = useState<FailedJobsView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async (show?: QueueName) => {
    setQueues(await queuesApi.counts());
    if (show) setOpen(await queuesApi.failed(show));
  }, []);
  useEffect(() => {
    if (allSites) queuesApi.counts().then(setQueues, fail);
  }, [allSites, fail]);

  const retry = async (name: QueueName, id: string) => {
    setNotice(null);
    try {
      await queuesApi.retry(name, id);
      setNotice(t('retried', { id }));
      await load(name);
    } catch (err) {
      fail(err);
    }
  };

  if (!allSites) return <p className="office-muted">{t('allSitesOnly')}</p>;
  if (!queues) return <p className="office-muted">…</p>;
  return (
    <section className="ad-panel" data-testid="tab-queues">
      <p className="office-muted office-small">{t('hint')}</p>
      <p>
        <button type="button" className="tr-button" onClick={() => void load(open?.name).catch(fail)} data-testid="queues-refresh">
          {t('refresh')}
        </button>
      </p>
      <table className="ad-table" data-testid="queues-table">
        <thead>
          <tr>
            <th>{t('queue')}</th>
            {QUEUE_JOB_STATES.map((s) => (
              <th key={s} className="ad-num">
                {t(s)}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.name} data-testid={`queue-${q.name}`}>
              <td>
                {t(`name.${q.name}`)} <span className="office-muted office-small">{q.name}</span>
              </td>
              {QUEUE_JOB_STATES.map((s) => (
                <td
                  key={s}
                  className={s === 'failed' && q.counts.failed > 0 ? 'ad-num ad-bad' : 'ad-num'}
                  data-testid={`queue-${q.name}-${s}`}
                >
                  {q.counts[s]}
                </td>
              ))}
              <td>
                {q.counts.failed > 0 && (
                  <button
                    type="button"
                    className="tr-link"
                    onClick={() => void queuesApi.failed(q.name).then(setOpen, fail)}
                    data-testid={`queue-${q.name}-show`}
                  >
                    {t('showFailed')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {notice && (
        <p className="ad-good" role="status" data-testid="queues-notice">
          {notice}
        </p>
      )}
      {open && (
        <>
          <h2 className="ad-h2">{t('failedOf', { queue: t(`name.${open.name}`), total: open.total, shown: open.jobs.length })}</h2>
          {open.jobs.length === 0 ? (
            <p className="office-muted">{t('none')}</p>
          ) : (
            <table className="ad-table" data-testid="failed-jobs">
              <thead>
                <tr>
                  <th>{t('id')}</th>
                  <th>{t('kind')}</th>
                  <th>{t('error')}</th>
                  <th className="ad-num">{t('attempts')}</th>
                  <th>{t('failedAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {open.jobs.map((j) => (
                  <tr key={j.id} data-testid={`failed-${j.id}`}>
                    <td>{j.id}</td>
                    <td>{j.name}</td>
                    <td>
                      <div>{j.failedReason}</div>
                      {j.stack && (
                        <details>
                          <summary className="office-small">{t('stack')}</summary>
                          <pre className="office-small ad-pre">{j.stack}</pre>
                        </details>
                      )}
                    </td>
                    <td className="ad-num">{j.attemptsMade}</td>
                    <td>{when(j.failedAt, timeZone)}</td>
                    <td>
                      <button type="button" className="tr-button" onClick={() => void retry(open.name, j.id)} data-testid={`retry-${j.id}`}>
                        {t('retry')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
