import '../office-page.css';
import '../trends/trends.css';
import {
  hallClockParts,
  ROUTED_KIND_LABELS,
  type AlertDispatchView,
  type AlertRecipientInput,
  type AlertRecipientView,
  type AlertRuleInput,
  type AlertRuleView,
  type DepartmentView,
  type DigestKind,
  type DigestPreview,
  type RoutingChannelView,
} from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useSiteTimeZone } from '../../api';
import { useShell } from '../../shell/context';
import { registryApi } from '../admin/registry-api';
import { OfficeHeader, PageError } from '../OfficeTop';
import { routingApi } from './api';
import './alert-routing.css';
import './i18n';
import { PreviewPanel } from './PreviewPanel';
import { RecipientsPanel } from './RecipientsPanel';
import { RuleForm } from './RuleForm';

interface Loaded {
  rules: AlertRuleView[];
  people: AlertRecipientView[];
  channels: RoutingChannelView[];
  departments: DepartmentView[];
  dispatches: AlertDispatchView[];
}

// 告警推送 (docs/contracts/alert-routing.md): a site's rules, the people they @mention, a preview of
// the digests and what was sent lately. Admins only, as the server's routes are.
export function AlertRoutingPage() {
  const { t, i18n } = useTranslation('alertRouting');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const { site, sites } = useShell();
  const chosen = site ?? sites?.[0]?.code ?? null;
  const zone = useSiteTimeZone(chosen);
  const sep = lang === 'en' ? ', ' : '、';
  const [data, setData] = useState<Loaded | null>(null);
  const [editing, setEditing] = useState<AlertRuleView | 'new' | null>(null);
  const [kind, setKind] = useState<DigestKind>('daily');
  const [preview, setPreview] = useState<DigestPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The key, not the text: a notice shown before a language switch reads in the new language.
  const [notice, setNotice] = useState<'form.saved' | 'person.saved' | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const fail = useCallback((err: unknown) => setError(`${t('errorPrefix')}${errorText(err)}`), [t]);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    Promise.all([
      routingApi.rules(chosen),
      routingApi.recipients(chosen),
      routingApi.channels(chosen),
      registryApi.departments(chosen),
      routingApi.dispatches(chosen),
    ]).then(
      ([rules, people, channels, departments, dispatches]) => live && setData({ rules, people, channels, departments, dispatches }),
      fail,
    );
    return () => {
      live = false;
    };
  }, [chosen, version, fail]);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    routingApi.preview(chosen, kind).then((p) => live && setPreview(p), fail);
    return () => {
      live = false;
    };
  }, [chosen, kind, version, fail]);

  const run = async <T,>(work: () => Promise<T>, done?: 'form.saved' | 'person.saved'): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      if (done) setNotice(done);
      setVersion((v) => v + 1);
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const saveRule = async (input: AlertRuleInput) => {
    if (!chosen) return;
    const id = editing && editing !== 'new' ? editing.id : undefined;
    if (await run(() => routingApi.saveRule(chosen, { ...input, name: input.name.trim() }, id), 'form.saved')) setEditing(null);
  };
  const removeRule = (r: AlertRuleView) =>
    chosen && confirm(t('confirmRemove', { name: r.name })) && void run(() => routingApi.removeRule(chosen, r.id));
  const addPerson = (input: AlertRecipientInput) =>
    chosen ? run(() => routingApi.saveRecipient(chosen, input), 'person.saved') : Promise.resolve(false);
  const removePerson = (p: AlertRecipientView) =>
    chosen && confirm(t('confirmRemove', { name: p.name })) && void run(() => routingApi.removeRecipient(chosen, p.id));

  const timeText = (iso: string) => {
    const p = hallClockParts(new Date(iso), zone);
    return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
  const channelName = (id: string) => data?.channels.find((c) => c.id === id)?.name ?? id.slice(0, 8);
  const peopleNames = (ids: string[]) => ids.map((id) => data?.people.find((p) => p.id === id)?.name ?? '?').join(sep) || t('none');

  return (
    <div className="office-page ar-page" data-loading={data ? 'no' : 'yes'}>
      <OfficeHeader title={t('title')} subtitle={t('subtitle')} />
      <PageError error={error} onClose={() => setError(null)} testId="ar-error" />
      {notice && !error && (
        <p className="ar-notice" role="status">
          {t(notice)}
        </p>
      )}
      {!data ? (
        <p className="office-muted">{t('loading')}</p>
      ) : (
        <>
          <section className="ar-section" data-testid="ar-rules">
            <h2>
              {t('rules')}
              {editing === null && (
                <button
                  type="button"
                  className="tr-button ar-new"
                  onClick={() => setEditing('new')}
                  disabled={!data.channels.length}
                  data-testid="ar-new-rule"
                >
                  {t('newRule')}
                </button>
              )}
            </h2>
            {!data.channels.length && <p className="office-muted">{t('noChannels')}</p>}
            {editing !== null && (
              <RuleForm
                key={editing === 'new' ? 'new' : editing.id}
                rule={editing === 'new' ? null : editing}
                channels={data.channels}
                people={data.people}
                busy={busy}
                onSave={saveRule}
                onCancel={() => setEditing(null)}
              />
            )}
            {data.rules.length === 0 ? (
              <p className="office-muted">{t('noRules')}</p>
            ) : (
              <table className="ar-table">
                <thead>
                  <tr>
                    {(['name', 'scope', 'kinds', 'severity', 'channel', 'people', 'quiet', 'digests', 'state', 'actions'] as const).map(
                      (c) => (
                        <th key={c}>{t(`col.${c}`)}</th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {data.rules.map((r) => (
                    <tr key={r.id} className={r.enabled ? '' : 'ar-off'}>
                      <td>{r.name}</td>
                      <td>{t(`scope.${r.scope}`)}</td>
                      <td className="ar-kind-list">
                        {r.kinds.length ? r.kinds.map((k) => ROUTED_KIND_LABELS[k][lang]).join(sep) : t('allKinds')}
                      </td>
                      <td>{t(`severity.${r.minSeverity}`)}</td>
                      <td>{channelName(r.channelId)}</td>
                      <td>{peopleNames(r.recipientIds)}</td>
                      <td>{r.quietHours ? `${r.quietHours.from}–${r.quietHours.to}` : t('none')}</td>
                      <td>{r.digests.length ? r.digests.map((d) => t(`form.${d}`)).join(sep) : t('none')}</td>
                      <td>{r.enabled ? t('on') : t('off')}</td>
                      <td className="ar-actions">
                        <button type="button" className="tr-link" onClick={() => setEditing(r)} disabled={busy}>
                          {t('edit')}
                        </button>
                        <button type="button" className="tr-link" onClick={() => removeRule(r)} disabled={busy}>
                          {t('remove')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <RecipientsPanel people={data.people} departments={data.departments} busy={busy} onAdd={addPerson} onRemove={removePerson} />
          <PreviewPanel kind={kind} preview={preview} dispatches={data.dispatches} timeText={timeText} onKind={setKind} />
        </>
      )}
    </div>
  );
}
