import {
  INDICATOR_IDS,
  LINK_WINDOWS,
  TARGET_COMPARATORS,
  type IndicatorId,
  type LinkWindow,
  type RectificationLinkInput,
  type RectificationLinkView,
  type TargetComparator,
} from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorLabel, isRatio, langOf, useHallTime, valueText } from './format';

interface Draft {
  indicator: IndicatorId;
  comparator: TargetComparator;
  target: string;
  window: LinkWindow;
  department: string;
}

// Ratios are typed as percentages (99.5), as the report writes them, and stored as 0.995.
const toDraft = (l: RectificationLinkView): Draft => ({
  indicator: l.indicator,
  comparator: l.comparator,
  target: String(isRatio(l.indicator) ? Math.round(l.target * 100_000) / 1000 : l.target),
  window: l.window,
  department: l.department ?? '',
});
const toInput = (d: Draft): RectificationLinkInput => ({
  indicator: d.indicator,
  comparator: d.comparator,
  target: isRatio(d.indicator) ? Number(d.target) / 100 : Number(d.target),
  window: d.window,
  department: d.department.trim() || null,
});
const EMPTY: Draft = { indicator: 'queue.sla', comparator: '>=', target: '', window: 'day', department: '' };
const SIGNS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

function DraftFields({ draft, onChange, fixedIndicator }: { draft: Draft; onChange: (d: Draft) => void; fixedIndicator: boolean }) {
  const { t, i18n } = useTranslation('rectification');
  const lang = langOf(i18n.language);
  return (
    <>
      {fixedIndicator ? (
        <span className="rect-link-editor__name">{indicatorLabel(draft.indicator, lang)}</span>
      ) : (
        <select
          aria-label={t('indicator')}
          value={draft.indicator}
          onChange={(e) => onChange({ ...draft, indicator: e.target.value as IndicatorId })}
        >
          {INDICATOR_IDS.map((id) => (
            <option key={id} value={id}>
              {indicatorLabel(id, lang)} ({id})
            </option>
          ))}
        </select>
      )}
      <select
        aria-label={t('comparator')}
        value={draft.comparator}
        onChange={(e) => onChange({ ...draft, comparator: e.target.value as TargetComparator })}
      >
        {TARGET_COMPARATORS.map((c) => (
          <option key={c} value={c}>
            {SIGNS[c]}
          </option>
        ))}
      </select>
      <label className="rect-target">
        <input
          aria-label={t('target')}
          inputMode="decimal"
          required
          value={draft.target}
          onChange={(e) => onChange({ ...draft, target: e.target.value })}
        />
        {isRatio(draft.indicator) && <span>%</span>}
      </label>
      <select aria-label={t('window')} value={draft.window} onChange={(e) => onChange({ ...draft, window: e.target.value as LinkWindow })}>
        {LINK_WINDOWS.map((w) => (
          <option key={w} value={w}>
            {t(w === 'day' ? 'daily' : 'live')}
          </option>
        ))}
      </select>
      <input
        aria-label={t('scope')}
        placeholder={t('wholeSite')}
        value={draft.department}
        onChange={(e) => onChange({ ...draft, department: e.target.value })}
      />
    </>
  );
}

function LinkRow({
  link,
  onSave,
  onRemove,
}: {
  link: RectificationLinkView;
  onSave: (i: RectificationLinkInput) => Promise<void>;
  onRemove: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation('rectification');
  const lang = langOf(i18n.language);
  const hall = useHallTime();
  const [draft, setDraft] = useState(() => toDraft(link));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave(toInput(draft));
  };
  // A day without data is judged neither way; a link judged before verdicts were kept shows none.
  const verdict = link.judgedVerdict && { pass: t('onTarget'), fail: t('offTarget'), 'no-data': t('noValue') }[link.judgedVerdict];
  return (
    <form className="rect-link-editor" onSubmit={submit}>
      <DraftFields draft={draft} onChange={setDraft} fixedIndicator />
      <button type="submit" className="rect-button">
        {t('save')}
      </button>
      <button type="button" className="rect-button rect-button--quiet" onClick={() => void onRemove()}>
        {t('remove')}
      </button>
      <span className="rect-link-editor__state office-muted">
        {link.window === 'day' && link.judgedDay && verdict && t('lastJudged', { day: link.judgedDay, verdict })}
        {link.window === 'day' && link.failingDays > 0 && ` · ${t('missedDays', { n: link.failingDays })}`}
        {link.window === 'now' && link.offSince && t('offSince', { time: hall.dateTime(link.offSince) })}
        {link.window === 'now' && !link.offSince && `${t('live')} ${valueText(link.indicator, link.value, lang)}`}
      </span>
    </form>
  );
}

export function LinkEditor(props: {
  links: RectificationLinkView[];
  onAdd: (i: RectificationLinkInput) => Promise<void>;
  onSave: (id: string, i: RectificationLinkInput) => Promise<void>;
  onRemove: (id: string) => Promise<void>;
}) {
  const { t } = useTranslation('rectification');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    await props.onAdd(toInput(draft));
    setDraft(EMPTY);
  };
  return (
    <div className="rect-link-list">
      {props.links.map((l) => (
        <LinkRow
          key={`${l.id}:${l.comparator}:${l.target}:${l.window}:${l.department}`}
          link={l}
          onSave={(i) => props.onSave(l.id, i)}
          onRemove={() => props.onRemove(l.id)}
        />
      ))}
      <form className="rect-link-editor rect-link-editor--new" onSubmit={(e) => void add(e)}>
        <DraftFields draft={draft} onChange={setDraft} fixedIndicator={false} />
        <button type="submit" className="rect-button">
          {t('addLink')}
        </button>
      </form>
    </div>
  );
}
