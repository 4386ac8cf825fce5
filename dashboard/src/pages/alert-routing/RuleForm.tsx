import {
  ALERT_SEVERITIES,
  DIGEST_KINDS,
  ROUTED_KIND_LABELS,
  ROUTED_KINDS,
  RULE_SCOPES,
  type AlertRecipientView,
  type AlertRuleInput,
  type AlertRuleView,
  type RoutedKind,
  type RoutingChannelView,
} from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  rule: AlertRuleView | null;
  channels: RoutingChannelView[];
  people: AlertRecipientView[];
  busy: boolean;
  onSave: (input: AlertRuleInput) => void;
  onCancel: () => void;
}

const toggle = <T,>(list: readonly T[], x: T): T[] => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

// One rule's editor: every field the server checks, so its 400 names one of these.
export function RuleForm({ rule, channels, people, busy, onSave, onCancel }: Props) {
  const { t, i18n } = useTranslation('alertRouting');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const [draft, setDraft] = useState<Required<AlertRuleInput>>({
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    scope: rule?.scope ?? 'site',
    kinds: rule?.kinds ?? [],
    minSeverity: rule?.minSeverity ?? 'warning',
    channelId: rule?.channelId ?? channels[0]?.id ?? '',
    recipientIds: rule?.recipientIds ?? [],
    quietHours: rule?.quietHours ?? null,
    sendCleared: rule?.sendCleared ?? true,
    digests: rule?.digests ?? [],
  });
  const set = (patch: Partial<AlertRuleInput>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <form
      className="ar-form"
      data-testid="ar-rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <h3>{rule ? t('form.titleEdit') : t('form.titleNew')}</h3>
      <div className="ar-form__row">
        <label>
          {t('form.name')}
          <input value={draft.name} maxLength={80} onChange={(e) => set({ name: e.target.value })} data-testid="ar-rule-name" />
        </label>
        <label>
          {t('form.channel')}
          <select value={draft.channelId} onChange={(e) => set({ channelId: e.target.value })} data-testid="ar-rule-channel">
            <option value="">{t('form.pickChannel')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.kind} · {c.site}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('form.scope')}
          <select value={draft.scope} onChange={(e) => set({ scope: e.target.value as AlertRuleInput['scope'] })}>
            {RULE_SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`scope.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('form.severity')}
          <select value={draft.minSeverity} onChange={(e) => set({ minSeverity: e.target.value as AlertRuleInput['minSeverity'] })}>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="ar-check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          {t('form.enabled')}
        </label>
      </div>
      <fieldset className="ar-kinds">
        <legend>{t('form.kinds')}</legend>
        {ROUTED_KINDS.map((k: RoutedKind) => (
          <label key={k} className="ar-check">
            <input type="checkbox" checked={draft.kinds.includes(k)} onChange={() => set({ kinds: toggle(draft.kinds, k) })} />
            {ROUTED_KIND_LABELS[k][lang]}
          </label>
        ))}
      </fieldset>
      <fieldset className="ar-kinds">
        <legend>{t('form.people')}</legend>
        {people.length === 0 && <span className="office-muted">{t('noRecipients')}</span>}
        {people.map((p) => (
          <label key={p.id} className="ar-check">
            <input
              type="checkbox"
              checked={draft.recipientIds.includes(p.id)}
              onChange={() => set({ recipientIds: toggle(draft.recipientIds, p.id) })}
            />
            {p.name}
            <small>{t(`duty.${p.duty}`)}</small>
          </label>
        ))}
      </fieldset>
      <div className="ar-form__row">
        <fieldset className="ar-inline">
          <legend>{t('form.quiet')}</legend>
          <label className="ar-check">
            <input
              type="checkbox"
              checked={draft.quietHours !== null}
              onChange={(e) => set({ quietHours: e.target.checked ? { from: '22:00', to: '07:30' } : null })}
              data-testid="ar-rule-quiet"
            />
            {t('form.quietOn')}
          </label>
          {draft.quietHours && (
            <>
              <label>
                {t('form.quietFrom')}
                <input
                  type="time"
                  value={draft.quietHours.from}
                  onChange={(e) => set({ quietHours: { ...draft.quietHours!, from: e.target.value } })}
                />
              </label>
              <label>
                {t('form.quietTo')}
                <input
                  type="time"
                  value={draft.quietHours.to}
                  onChange={(e) => set({ quietHours: { ...draft.quietHours!, to: e.target.value } })}
                />
              </label>
            </>
          )}
        </fieldset>
        <fieldset className="ar-inline">
          <legend>{t('form.digests')}</legend>
          {DIGEST_KINDS.map((d) => (
            <label key={d} className="ar-check">
              <input type="checkbox" checked={draft.digests.includes(d)} onChange={() => set({ digests: toggle(draft.digests, d) })} />
              {t(`form.${d}`)}
            </label>
          ))}
          <label className="ar-check">
            <input type="checkbox" checked={draft.sendCleared} onChange={(e) => set({ sendCleared: e.target.checked })} />
            {t('form.sendCleared')}
          </label>
        </fieldset>
      </div>
      <div className="ar-form__buttons">
        <button type="submit" className="tr-button" disabled={busy} data-testid="ar-rule-save">
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="tr-link" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
