import '../office-page.css';
import { VISIT_PLANNER_ROLES, type Role, type VisitDetailView, type VisitPlanView, type VisitView } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { useShell } from '../../shell/context';
import { visitsApi } from './api';
import './i18n';
import { PlanForm } from './PlanForm';
import { TownNotices } from './TownNotices';
import { VisitDetail } from './VisitDetail';
import { VisitLog } from './VisitLog';
import './visits.css';

const param = (name: string) => new URLSearchParams(location.search).get(name);

function setParam(name: string, value: string | null) {
  const p = new URLSearchParams(location.search);
  if (value === null) p.delete(name);
  else p.set(name, value);
  history.replaceState(null, '', `${location.pathname}?${p.toString()}`);
}

/**
 * 实地督导与暗访 (docs/contracts/visits.md). At the district hall: the month's plan by town, the
 * plan form and each visit's findings with their notices to the town. At a town centre: its own
 * visits (a mystery one once it is over) and the notices it has to answer. `?visit=<id>` is the
 * visit on the phone.
 */
export function VisitsPage() {
  const { me, site, sites } = useShell();
  const [visit, setVisit] = useState<string | null>(param('visit'));
  const chosen = site ?? sites?.find((s) => s.tier === 'hall')?.code ?? null;
  if (visit && chosen)
    return (
      <VisitLog
        site={chosen}
        id={visit}
        onBack={() => {
          setParam('visit', null);
          setVisit(null);
        }}
      />
    );
  return (
    <Office
      site={chosen}
      role={me?.role ?? null}
      username={me?.username ?? null}
      onWalk={(id) => {
        setParam('visit', id);
        setVisit(id);
      }}
    />
  );
}

function Office({
  site,
  role,
  username,
  onWalk,
}: {
  site: string | null;
  role: Role | null;
  username: string | null;
  onWalk: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('visits');
  const en = i18n.language.startsWith('en');
  const { sites } = useShell();
  const [month, setMonth] = useState<string | null>(param('month'));
  const [plan, setPlan] = useState<VisitPlanView | null>(null);
  const [detail, setDetail] = useState<VisitDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const tier = sites?.find((s) => s.code === site)?.tier ?? 'hall';
  const planner = role !== null && (VISIT_PLANNER_ROLES as readonly string[]).includes(role);
  const fail = useCallback((err: unknown) => setError(errorText(err)), []);

  useEffect(() => {
    if (!site || tier === 'village') return;
    let live = true;
    visitsApi.month(site, month).then((p) => {
      if (!live) return;
      setPlan(p);
      setError(null);
      setParam('month', p.month);
    }, fail);
    return () => {
      live = false;
    };
  }, [site, month, version, tier, fail]);

  const open = (v: VisitView) => {
    if (site) visitsApi.detail(site, v.id).then(setDetail, fail);
  };
  const name = (n: { name: string; nameEn: string | null }) => (en ? (n.nameEn ?? n.name) : n.name);
  const walkable = (v: VisitView) =>
    tier === 'hall' && (v.state === 'planned' || v.state === 'started') && (planner || v.assignee === username);

  return (
    <main className="office-page vs-page">
      <header className="vs-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
        <label className="vs-month">
          {t('month')}
          <input type="month" value={plan?.month ?? month ?? ''} onChange={(e) => setMonth(e.target.value || null)} />
        </label>
      </header>
      {tier === 'village' && <p>{t('notHall')}</p>}
      {error && (
        <p className="vs-error" role="alert">
          {t('errorPrefix')}
          {error}
        </p>
      )}
      <div className="vs-layout">
        <div className="vs-main">
          {!plan && !error && <p>{t('loading')}</p>}
          {plan && (
            <table className="vs-grid">
              <thead>
                <tr>
                  <th>{t('town')}</th>
                  <th>{`${plan.month} · ${t('plan.title')}`}</th>
                </tr>
              </thead>
              <tbody>
                {plan.towns.map(({ town, visits }) => (
                  <tr key={town.code} data-town={town.code}>
                    <th scope="row">{name(town).replace(/便民服务中心$/u, '')}</th>
                    <td>
                      {!visits.length && <span className="vs-muted">{t('none')}</span>}
                      <ul className="vs-chips">
                        {visits.map((v) => (
                          <li key={v.id} className={`vs-chip vs-chip--${v.state} vs-chip--${v.kind}`} data-visit={v.id}>
                            <button type="button" className="vs-chip__open" onClick={() => open(v)}>
                              <span className="vs-chip__day">{v.plannedOn.slice(5)}</span>
                              <span className="vs-chip__site">{v.site.tier === 'town' ? t('town') : name(v.site)}</span>
                              <span className="vs-chip__kind">{t(`kind.${v.kind}`)}</span>
                              <span className={`vs-state vs-state--${v.state}`}>{t(`state.${v.state}`)}</span>
                              {v.findings > 0 && (
                                <span className={v.openFindings ? 'vs-bad' : 'vs-muted'}>
                                  {v.openFindings ? t('openFindings', { n: v.openFindings }) : t('findings', { n: v.findings })}
                                </span>
                              )}
                              <span className="vs-muted">{v.assignee}</span>
                            </button>
                            {walkable(v) && (
                              <button type="button" className="vs-link" onClick={() => onWalk(v.id)}>
                                {t('walk')}
                              </button>
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {detail && site && (
            <VisitDetail
              office={site}
              view={detail}
              canAct={planner && tier === 'hall'}
              onChange={(d) => {
                setDetail(d);
                setVersion((n) => n + 1);
              }}
              onError={setError}
              onClose={() => setDetail(null)}
            />
          )}
        </div>
        <aside className="vs-side">
          {planner && tier === 'hall' && site && sites && plan && (
            <PlanForm office={site} sites={sites} month={plan.month} onPlanned={() => setVersion((n) => n + 1)} />
          )}
          {tier === 'town' && site && <TownNotices town={site} />}
        </aside>
      </div>
    </main>
  );
}
