import type { FollowUpCaseView } from '@hallwatch/shared';
import { FormEvent, ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldTexts } from '../../api';
import { goToSignIn } from '../../auth/session';
import { casesApi } from './cases-api';

interface Props {
  site: string;
  view: FollowUpCaseView;
  onChanged: (view: FollowUpCaseView) => void;
}

/**
 * The desk's acts on an open case, in the order the work goes: calls (each logged, reached or
 * not), the fix once the citizen was reached, the confirming call once the fix is recorded, and
 * for a 12345 complaint the 退单 with its reason.
 */
export function CaseActions({ site, view, onChanged }: Props) {
  const w = view.workOrder;
  return (
    <div className="dk-cd-acts">
      <ContactForm site={site} view={view} onChanged={onChanged} />
      {view.status === 'in_progress' && <ResolutionForm site={site} view={view} onChanged={onChanged} />}
      {view.status === 'awaiting_confirmation' && <ConfirmationForm site={site} view={view} onChanged={onChanged} />}
      {w && !w.awaitingPlatform && <ReturnForm site={site} view={view} onChanged={onChanged} />}
    </div>
  );
}

/**
 * One act's sending: a refused field is said in this form's own words (`words`: field → key), in
 * the page's language; anything else in the API's worded text.
 */
function useAct(words: Record<string, string>) {
  const { t } = useTranslation('deskCases');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const send = async (act: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    setRefused(null);
    try {
      await act();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return goToSignIn();
      const fields = Object.keys(fieldTexts(err)).filter((f) => words[f]);
      if (fields.length) setErrors(Object.fromEntries(fields.map((f) => [f, t(words[f])])));
      else setRefused(err instanceof ApiError && err.status === 409 ? t('conflict') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, refused, send };
}

function ActForm(props: {
  title: string;
  testId: string;
  hint?: string;
  busy: boolean;
  refused: string | null;
  submit: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('deskCases');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <form className="dk-cd-form" onSubmit={submit} noValidate data-testid={props.testId}>
      <h3>{props.title}</h3>
      {props.hint && <p className="office-muted office-small">{props.hint}</p>}
      {props.children}
      {props.refused && (
        <p className="dk-cd-error" role="alert">
          {props.refused}
        </p>
      )}
      <div>
        <button type="submit" className="dk-cd-button" disabled={props.busy}>
          {props.busy ? t('sending') : props.submit}
        </button>
      </div>
    </form>
  );
}

function Choice(props: {
  name: string;
  legend?: string;
  options: Array<[string, string]>;
  value: string | null;
  error?: string;
  set: (v: string) => void;
}) {
  return (
    <fieldset className="dk-cd-choice" aria-invalid={props.error ? 'true' : undefined}>
      {props.legend && <legend>{props.legend}</legend>}
      {props.options.map(([value, label]) => (
        <label key={value}>
          <input type="radio" name={props.name} value={value} checked={props.value === value} onChange={() => props.set(value)} />
          {label}
        </label>
      ))}
      {props.error && <em className="dk-cd-error">{props.error}</em>}
    </fieldset>
  );
}

function Note(props: { name: string; label: string; placeholder: string; value: string; error?: string; set: (v: string) => void }) {
  return (
    <label className="dk-cd-note-field">
      <span>{props.label}</span>
      <textarea
        name={props.name}
        rows={2}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.set(e.target.value)}
        aria-invalid={props.error ? 'true' : undefined}
      />
      {props.error && <em className="dk-cd-error">{props.error}</em>}
    </label>
  );
}

function ContactForm({ site, view, onChanged }: Props) {
  const { t } = useTranslation('deskCases');
  const [reached, setReached] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const { busy, errors, refused, send } = useAct({ reached: 'contactRequired', note: 'noteTooLong' });
  const submit = () =>
    send(async () => {
      onChanged(await casesApi.contact(site, view.id, { reached: reached === null ? undefined : reached === 'yes', note }));
      setReached(null);
      setNote('');
    });
  return (
    <ActForm
      title={t('contactTitle')}
      testId="case-contact"
      busy={busy}
      refused={refused}
      submit={t('logContact')}
      onSubmit={() => void submit()}
    >
      <Choice
        name="reached"
        options={[
          ['yes', t('reached')],
          ['no', t('notReached')],
        ]}
        value={reached}
        error={errors.reached}
        set={setReached}
      />
      <Note name="note" label={t('contactNote')} placeholder={t('contactPlaceholder')} value={note} error={errors.note} set={setNote} />
    </ActForm>
  );
}

function ResolutionForm({ site, view, onChanged }: Props) {
  const { t } = useTranslation('deskCases');
  const [note, setNote] = useState('');
  const { busy, errors, refused, send } = useAct({ note: 'resolutionRequired' });
  const submit = () => send(async () => onChanged(await casesApi.resolution(site, view.id, { note })));
  return (
    <ActForm
      title={t('resolutionTitle')}
      testId="case-resolution"
      busy={busy}
      refused={refused}
      submit={t('recordResolution')}
      onSubmit={() => void submit()}
    >
      <Note
        name="note"
        label={t('resolutionNote')}
        placeholder={t('resolutionPlaceholder')}
        value={note}
        error={errors.note}
        set={setNote}
      />
    </ActForm>
  );
}

function ConfirmationForm({ site, view, onChanged }: Props) {
  const { t } = useTranslation('deskCases');
  const [satisfied, setSatisfied] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const { busy, errors, refused, send } = useAct({ satisfied: 'confirmRequired', note: 'noteTooLong' });
  const submit = () =>
    send(async () =>
      onChanged(await casesApi.confirmation(site, view.id, { satisfied: satisfied === null ? undefined : satisfied === 'yes', note })),
    );
  return (
    <ActForm
      title={t('confirmTitle')}
      testId="case-confirmation"
      busy={busy}
      refused={refused}
      submit={t('recordConfirmation')}
      onSubmit={() => void submit()}
    >
      <Choice
        name="satisfied"
        options={[
          ['yes', t('satisfied')],
          ['no', t('unsatisfied')],
        ]}
        value={satisfied}
        error={errors.satisfied}
        set={setSatisfied}
      />
      <Note name="note" label={t('confirmNote')} placeholder={t('confirmPlaceholder')} value={note} error={errors.note} set={setNote} />
    </ActForm>
  );
}

function ReturnForm({ site, view, onChanged }: Props) {
  const { t } = useTranslation('deskCases');
  const [reason, setReason] = useState('');
  const { busy, errors, refused, send } = useAct({ reason: 'reasonRequired' });
  const submit = () => send(async () => onChanged(await casesApi.returnOrder(site, view.id, { reason })));
  return (
    <ActForm
      title={t('returnTitle')}
      hint={t('returnHint')}
      testId="case-return"
      busy={busy}
      refused={refused}
      submit={t('returnOrder')}
      onSubmit={() => void submit()}
    >
      <Note
        name="reason"
        label={t('returnReason')}
        placeholder={t('returnPlaceholder')}
        value={reason}
        error={errors.reason}
        set={setReason}
      />
    </ActForm>
  );
}
