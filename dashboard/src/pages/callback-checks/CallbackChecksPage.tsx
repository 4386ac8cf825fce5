import '../office-page.css';
import '../trends/trends.css';
import {
  CALLBACK_ANSWER_LABELS,
  DEFAULT_TIME_ZONE,
  type CallbackCheckFilter,
  type CallbackCheckListView,
  type CallbackCheckView,
  type CallbackSummaryView,
  type Me,
  type SiteView,
} from '@hallwatch/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { goToSignIn, whoAmI } from '../../auth/session';
import { useSite } from '../../shell/context';
import { callbackApi } from './api';
import './callback-checks.css';
import { CheckRow } from './CheckRow';
import { FiguresPanel } from './FiguresPanel';
import { hallMonth, langOf, recentMonths } from './format';
import './i18n';

const params = new URLSearchParams(location.search);
const FILTERS: Array<[CallbackCheckFilter, string]> = [
  ['pending', 'filterPending'],
  ['verified', 'filterVerified'],
  ['all', 'filterAll'],
];
/** Who records a second call (the server decides; the page only hides a form that would be refused). */
const VERIFIERS = ['admin', 'supervisor'];

// 回访核实 (docs/contracts/reviews.md, "Callbacks verified"): the supervision office's list of drawn
// closures to call back, with the month's figures per department.
export function CallbackChecksPage() {
  const { t, i18n } = useTranslation('callbacks');
  const lang = langOf(i18n.language);
  const [me, setMe] = useState<Me | null>(null);
  const [sites, setSites] = useState<SiteView[] | null>(null);
  // The site is the shell's (its switcher, the address).
  const site = useSite();
  const [filter, setFilter] = useState<CallbackCheckFilter>((params.get('status') as CallbackCheckFilter | null) ?? 'pending');
  const [monthChoice, setMonth] = useState<string | null>(params.get('month'));
  const [list, setList] = useState<CallbackCheckListView | null>(null);
  const [summary, setSummary] = useState<CallbackSummaryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<CallbackCheckView['answer']>(null);
  const [n, setN] = useState(0);

  const fail = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) goToSignIn();
    else setError(errorText(err));
  }, []);

  useEffect(() => {
    void (async () => {
      const who = await whoAmI();
      if (!who) return goToSignIn();
      setMe(who);
      setSites(await callbackApi.sites());
    })().catch(fail);
  }, [fail]);

  // Without a site in the address, the account's first hall.
  const chosen = site ?? sites?.find((s) => s.tier === 'hall')?.code ?? sites?.[0]?.code ?? null;
  const chosenSite = sites?.find((s) => s.code === chosen);
  const timeZone = chosenSite?.timezone ?? DEFAULT_TIME_ZONE;
  const thisMonth = useMemo(() => hallMonth(new Date(), timeZone), [timeZone]);
  const month = monthChoice ?? thisMonth;

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    Promise.all([callbackApi.list(chosen, filter, month), callbackApi.summary(chosen, month)]).then(([l, s]) => {
      if (!live) return;
      setList(l);
      setSummary(s);
    }, fail);
    const p = new URLSearchParams({ site: chosen, status: filter, month });
    history.replaceState(null, '', `${location.pathname}?${p}`);
    return () => {
      live = false;
    };
  }, [chosen, filter, month, n, fail]);

  const reveal = async (id: string) => (await callbackApi.revealPhone(chosen!, id)).phone;
  const answer = (id: string, input: Parameters<typeof callbackApi.answer>[2]) => callbackApi.answer(chosen!, id, input);
  const answered = (c: CallbackCheckView) => {
    setSaved(c.answer);
    // The row stays where it was until the list is read again, so the verifier sees what they recorded.
    setList((l) => (l ? { ...l, checks: l.checks.map((x) => (x.id === c.id ? c : x)) } : l));
    if (chosen) callbackApi.summary(chosen, month).then(setSummary, fail);
  };

  const canVerify = !!me && VERIFIERS.includes(me.role);
  const siteName = chosenSite && (lang === 'en' ? (chosenSite.nameEn ?? chosenSite.name) : chosenSite.name);

  return (
    <div className="office-page cb-page">
      <header className="office-header">
        <div>
          <h1>
            {t('title')} {siteName && <span className="office-header__site">· {siteName}</span>}
          </h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
      </header>
      {error && (
        <p className="tr-error" role="alert">
          {error}{' '}
          <button type="button" className="tr-link" onClick={() => setError(null)} aria-label={t('close')}>
            ×
          </button>
        </p>
      )}
      {saved && (
        <p className="cb-saved" role="status">
          {t('saved', { answer: CALLBACK_ANSWER_LABELS[saved][lang] })}{' '}
          <button type="button" className="tr-link" onClick={() => setSaved(null)} aria-label={t('close')}>
            ×
          </button>
        </p>
      )}
      {me && !canVerify && <p className="cb-note-banner">{t('denied', { role: me.role })}</p>}

      <form className="tr-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('month')}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            {recentMonths(thisMonth, 12).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <div className="tr-seg" role="group">
          {FILTERS.map(([f, label]) => (
            <button
              key={f}
              type="button"
              className={filter === f ? 'tr-seg__on' : ''}
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
            >
              {t(label)}
            </button>
          ))}
        </div>
        <button type="button" className="tr-button" onClick={() => setN((x) => x + 1)}>
          ↻
        </button>
      </form>

      {summary && <FiguresPanel summary={summary} lang={lang} />}

      {!list && !error && <p className="office-muted">{t('loading')}</p>}
      {list && list.checks.length === 0 && (
        <p className="office-muted cb-empty">{filter === 'pending' ? t('emptyPending') : t('emptyList')}</p>
      )}
      {list && list.checks.length > 0 && (
        <table className="cb-table cb-list" data-testid="checks">
          <thead>
            <tr>
              <th className="cb-col-case">{t('colCase')}</th>
              <th className="cb-col-handler">{t('colHandler')}</th>
              <th className="cb-col-record">{t('colRecord')}</th>
              <th className="cb-col-draw">{t('colDraw')}</th>
              <th className="cb-col-phone">{t('colPhone')}</th>
              <th className="cb-col-verify">{t('colVerify')}</th>
            </tr>
          </thead>
          <tbody>
            {list.checks.map((c) => (
              <CheckRow
                key={c.id}
                check={c}
                lang={lang}
                timeZone={timeZone}
                me={me?.username ?? ''}
                canVerify={canVerify}
                reveal={reveal}
                answer={answer}
                onAnswered={answered}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
