import { VISIT_KINDS, type SiteView, type VisitKind } from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldTexts } from '../../api';
import { visitsApi } from './api';

/** The office's plan form: a town or village of the district, the kind, the day and the visitor. */
export function PlanForm({ office, sites, month, onPlanned }: { office: string; sites: SiteView[]; month: string; onPlanned: () => void }) {
  const { t, i18n } = useTranslation('visits');
  const en = i18n.language.startsWith('en');
  const towns = sites.filter((s) => s.tier === 'town' && s.parent === office);
  const targets = towns.flatMap((town) => [town, ...sites.filter((s) => s.tier === 'village' && s.parent === town.code)]);
  const [target, setTarget] = useState(targets[0]?.code ?? '');
  const [kind, setKind] = useState<VisitKind>('field');
  const [day, setDay] = useState(`${month}-15`);
  const [assignee, setAssignee] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const submit = () => {
    setMessage(null);
    visitsApi.plan(office, { target, kind, plannedOn: day, assignee: assignee.trim() }).then(
      () => {
        setFields({});
        setMessage(t('plan.done'));
        onPlanned();
      },
      (err: unknown) => {
        const f = fieldTexts(err);
        setFields(f);
        if (!Object.keys(f).length) setMessage(`${t('errorPrefix')}${errorText(err)}`);
      },
    );
  };
  const name = (s: SiteView) => (en ? (s.nameEn ?? s.name) : s.name);
  return (
    <form
      className="vs-plan"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{t('plan.title')}</h2>
      <label>
        {t('plan.target')}
        <select value={target} onChange={(e) => setTarget(e.target.value)} name="target">
          {targets.map((s) => (
            <option key={s.code} value={s.code}>
              {s.tier === 'village' ? `\u3000${name(s)}` : name(s)}
            </option>
          ))}
        </select>
        {fields.target && <span className="vs-field-error">{fields.target}</span>}
      </label>
      <label>
        {t('plan.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as VisitKind)} name="kind">
          {VISIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('plan.day')}
        <input type="date" value={day} onChange={(e) => setDay(e.target.value)} name="plannedOn" />
        {fields.plannedOn && <span className="vs-field-error">{fields.plannedOn}</span>}
      </label>
      <label>
        {t('plan.assignee')}
        <input value={assignee} onChange={(e) => setAssignee(e.target.value)} name="assignee" autoComplete="off" />
        {fields.assignee && <span className="vs-field-error">{fields.assignee}</span>}
      </label>
      <button type="submit">{t('plan.submit')}</button>
      {message && (
        <span className="vs-muted" role="status">
          {message}
        </span>
      )}
    </form>
  );
}
