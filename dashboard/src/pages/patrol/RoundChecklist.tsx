import type { PatrolTodayView } from '@hallwatch/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isCodeShaped, normalCode, readPayload } from './checkpoint-code';
import { FindingSheet } from './FindingSheet';
import { RoundDoubts } from './RoundDoubts';
import { ScanButton } from './ScanButton';
import type { LatestCheck, RoundView } from './local-day';
import type { FindingInput } from './usePatrolDay';

/**
 * One round's checklist: each checkpoint confirmed with the code posted there (scanned or typed),
 * then one tap for "OK" or a form for an issue, and completion once all are checked.
 */
export function RoundChecklist({
  round,
  today,
  now,
  lang,
  onBack,
  onCheck,
  onComplete,
}: {
  round: RoundView;
  today: PatrolTodayView;
  now: number;
  lang: 'zh' | 'en';
  onBack: () => void;
  onCheck: (checkpoint: string, code: string, result: 'ok' | 'finding', finding?: FindingInput) => void;
  onComplete: () => void;
}) {
  const { t } = useTranslation('patrol');
  const [finding, setFinding] = useState<string | null>(null);
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [scanNote, setScanNote] = useState<string | null>(null);
  const setCode = (cp: string, typed: string) => setCodes((prev) => ({ ...prev, [cp]: normalCode(typed) }));
  // A QR code names its checkpoint: the code goes to that line, whichever line's button was used.
  const scanned = useCallback(
    (cp: string, text: string) => {
      const read = readPayload(text);
      if (!read) return;
      setCodes((prev) => ({ ...prev, [read.checkpoint]: read.code }));
      const other = today.checkpoints.find((c) => c.code === read.checkpoint);
      setScanNote(read.checkpoint !== cp && other ? t('scanOther', { name: other.label[lang] }) : null);
    },
    [today.checkpoints, t, lang],
  );
  const open = round.state === 'in_progress' || round.state === 'due' || round.state === 'overdue' || round.state === 'scheduled';
  const left = today.checkpoints.filter((c) => !round.latest[c.code]).length;
  const sheetFor = today.checkpoints.find((c) => c.code === finding);
  const deptName = (code: string) => {
    const d = today.departments.find((x) => x.code === code);
    return d ? (lang === 'en' ? (d.nameEn ?? d.name) : d.name) : code;
  };
  const summary = (c: LatestCheck) =>
    [
      c.department ? deptName(c.department) : null,
      c.window ? `${t('window')} ${c.window}` : null,
      c.severity ? t(c.severity) : null,
      c.note,
    ]
      .filter(Boolean)
      .join(' · ');

  if (sheetFor)
    return (
      <FindingSheet
        checkpoint={sheetFor}
        today={today}
        now={now}
        lang={lang}
        onCancel={() => setFinding(null)}
        onSave={(f) => {
          onCheck(sheetFor.code, codes[sheetFor.code] ?? '', 'finding', f);
          setFinding(null);
        }}
      />
    );

  return (
    <section className="pt-checklist" data-testid="checklist">
      <header className="pt-checklist__head">
        <button type="button" className="pt-link" onClick={onBack}>
          ‹ {t('back')}
        </button>
        <h2>
          {round.time} <span className={`pt-chip pt-chip--${round.state}`}>{t(`state.${round.state}`)}</span>
        </h2>
        <span className="pt-checklist__count">
          {t('progress', { done: today.checkpoints.length - left, total: today.checkpoints.length })}
        </span>
        <progress max={today.checkpoints.length} value={today.checkpoints.length - left} />
      </header>
      <RoundDoubts doubts={round.doubts} today={today} lang={lang} />
      {open && left > 0 && <p className="pt-checklist__hint">{scanNote ?? t('codeHint')}</p>}
      <ul className="pt-cps">
        {today.checkpoints.map((c) => {
          const done = round.latest[c.code];
          return (
            <li
              key={c.code}
              className={`pt-cp${done ? ` pt-cp--${done.result}` : ''}`}
              data-testid={`cp-${c.code}`}
              data-result={done?.result ?? ''}
            >
              <div className="pt-cp__text">
                <span className="pt-cp__label">{c.label[lang]}</span>
                <span className="pt-cp__items">
                  {t('items')} {c.items.map((n) => `#${n}`).join(' ')}
                </span>
                {done?.result === 'finding' && summary(done) && <span className="pt-cp__finding">{summary(done)}</span>}
              </div>
              {done && <span className="pt-cp__done">{done.result === 'ok' ? t('okDone') : t('issueDone')}</span>}
              {open && !done && (
                <div className="pt-cp__actions">
                  <input
                    className="pt-cp__code"
                    value={codes[c.code] ?? ''}
                    onChange={(e) => setCode(c.code, e.target.value)}
                    placeholder={t('codePlaceholder')}
                    aria-label={`${t('code')} · ${c.label[lang]}`}
                    autoCapitalize="characters"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={12}
                    data-testid={`code-${c.code}`}
                  />
                  <ScanButton onRead={(text) => scanned(c.code, text)} testId={`scan-${c.code}`} />
                  <button
                    type="button"
                    className="pt-btn pt-btn--ok"
                    disabled={!isCodeShaped(codes[c.code] ?? '')}
                    onClick={() => onCheck(c.code, codes[c.code], 'ok')}
                    data-testid={`ok-${c.code}`}
                  >
                    {t('ok')}
                  </button>
                  <button
                    type="button"
                    className="pt-btn pt-btn--issue"
                    disabled={!isCodeShaped(codes[c.code] ?? '')}
                    onClick={() => setFinding(c.code)}
                    data-testid={`issue-${c.code}`}
                  >
                    {t('issue')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {open && (
        <footer className="pt-checklist__foot">
          <button
            type="button"
            className="pt-btn pt-btn--primary pt-btn--block"
            disabled={left > 0}
            onClick={onComplete}
            data-testid="complete-round"
          >
            {left > 0 ? t('completeHint', { count: left }) : t('complete')}
          </button>
        </footer>
      )}
    </section>
  );
}
