import { RECTIFICATION_STATUSES, type RectificationItemView, type RectificationStatus } from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RectificationApi } from './api';
import { evidenceFieldErrors, shownErrors } from './evidence-errors';
import { EvidencePanel } from './EvidencePanel';
import { langOf, statusLabel, useHallTime } from './format';
import { HistoryList } from './HistoryList';
import { LinkEditor } from './LinkEditor';
import './rectification-detail.css';

/** Runs a change, then reloads the list; errors are shown by the page. */
export type Act = (change: () => Promise<unknown>) => Promise<void>;

/** Like Act, but a refusal is rethrown for the form to show beside its field. */
export interface Work {
  act: Act;
  submit: Act;
  fail: (err: unknown) => void;
}

const EDIT_FIELDS = ['status', 'responsibleDepartment', 'deadline'] as const;

function StatedNote({ item }: { item: RectificationItemView }) {
  const { t, i18n } = useTranslation('rectification');
  const s = item.statedStatus;
  if (!s) return null;
  const where = t(s.scope === 'item' ? 'itemStatedOwn' : 'itemStated', { line: s.line, phrase: s.phrase });
  return (
    <p className="office-muted office-small rect-stated" data-testid="stated-status">
      {t('statedBy', { status: statusLabel(s.status, langOf(i18n.language)), where })}
      {item.statusSetBy === 'office' && ` · ${t('statusByOffice')}`}
    </p>
  );
}

function EditForm({ item, api, work }: { item: RectificationItemView; api: RectificationApi; work: Work }) {
  const { t, i18n } = useTranslation('rectification');
  const hall = useHallTime();
  const [status, setStatus] = useState<RectificationStatus>(item.status);
  const [dept, setDept] = useState(item.responsibleDepartment ?? '');
  const [deadline, setDeadline] = useState(item.deadline ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await work.submit(() => api.update(item.key, { status, responsibleDepartment: dept.trim() || null, deadline: deadline || null }));
      setErrors({});
    } catch (err) {
      setErrors(shownErrors(err, evidenceFieldErrors(err, t, hall.today()), EDIT_FIELDS, work.fail));
    }
  };
  const error = (field: string) =>
    errors[field] && (
      <span className="rect-field-error" role="alert" data-testid={`edit-error-${field}`}>
        {errors[field]}
      </span>
    );
  return (
    <form className="rect-edit" onSubmit={(e) => void submit(e)}>
      <label>
        {t('status')}
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value as RectificationStatus)}
          data-testid="status-select"
          aria-invalid={errors.status ? true : undefined}
        >
          {RECTIFICATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s, langOf(i18n.language))}
            </option>
          ))}
        </select>
        {error('status')}
      </label>
      <label>
        {t('department')}
        <input value={dept} onChange={(e) => setDept(e.target.value)} maxLength={200} />
        {error('responsibleDepartment')}
      </label>
      <label>
        {t('deadline')}
        <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        {error('deadline')}
      </label>
      <button type="submit" className="rect-button rect-button--primary">
        {t('save')}
      </button>
    </form>
  );
}

export function ItemDetail({ item, api, work }: { item: RectificationItemView; api: RectificationApi; work: Work }) {
  const { act } = work;
  const { t } = useTranslation('rectification');
  return (
    <div className="rect-detail">
      <section className="rect-detail__report">
        <h4>
          {t('measures')} <span className="office-muted">{t('lines', { from: item.sourceLine, to: item.endLine })}</span>
        </h4>
        {item.inferredNote && <p className="rect-note">ⓘ {item.inferredNote}</p>}
        <ol className="rect-measures">
          {item.measures.map((m) => (
            <li key={m.line}>
              {m.marker && <strong>{m.marker}</strong>} {m.text}
            </li>
          ))}
        </ol>
        {item.remarks.length > 0 && (
          <>
            <h4>{t('remarks')}</h4>
            {item.remarks.map((r) => (
              <p key={r}>{r}</p>
            ))}
          </>
        )}
        {item.figures.length > 0 && (
          <>
            <h4>{t('figures')}</h4>
            <p className="rect-figures">
              {item.figures.map((f, i) => (
                <span key={`${f.line}:${i}`} className={`rect-figure rect-figure--${f.kind}`} title={`${f.kind} · ${f.source} · ${f.line}`}>
                  {f.text}
                </span>
              ))}
            </p>
          </>
        )}
      </section>
      <section className="rect-detail__work">
        <h4>{t('edit')}</h4>
        <StatedNote item={item} />
        <EditForm key={`${item.status}:${item.responsibleDepartment}:${item.deadline}`} item={item} api={api} work={work} />
        <h4>{t('links')}</h4>
        <LinkEditor
          links={item.links}
          onAdd={(i) => act(() => api.addLink(item.key, i))}
          onSave={(id, i) => act(() => api.updateLink(id, i))}
          onRemove={(id) => act(() => api.removeLink(id))}
        />
        <h4>{t('evidence')}</h4>
        <EvidencePanel
          evidence={item.evidence}
          onAdd={(form) => work.submit(() => api.addEvidence(item.key, form))}
          onFail={work.fail}
          onDownload={(e) => void act(() => api.attachment(e.id, e.attachment?.name ?? 'attachment'))}
        />
      </section>
      <section className="rect-detail__history">
        <h4>{t('history')}</h4>
        <HistoryList history={item.history} />
      </section>
    </div>
  );
}
