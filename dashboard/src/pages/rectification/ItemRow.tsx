import type { RectificationItemView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import type { RectificationApi } from './api';
import { ReboundFlag, StatusBadge } from './badges';
import { ItemDetail, Work } from './ItemDetail';
import { LinksSummary } from './LinksSummary';

function EvidenceCount({ item }: { item: RectificationItemView }) {
  const { t } = useTranslation('rectification');
  const report = item.evidence.filter((e) => e.source === 'report').length;
  return (
    <>
      {item.evidence.length}
      {report > 0 && <small className="rect-evidence-count__report">{t('evidenceCount', { report })}</small>}
    </>
  );
}

export function ItemRow(props: { item: RectificationItemView; open: boolean; onToggle: () => void; api: RectificationApi; work: Work }) {
  const { t } = useTranslation('rectification');
  const { item, open } = props;
  const overdue = item.deadline !== null && item.status === 'in_progress' && item.deadline < new Date().toISOString().slice(0, 10);
  return (
    <>
      <tr
        className={`rect-row ${open ? 'rect-row--open' : ''} ${item.rebound ? 'rect-row--rebound' : ''}`}
        data-testid={`item-${item.number}`}
        data-item-key={item.key}
        onClick={props.onToggle}
      >
        <td className="rect-row__no">
          <button type="button" className="rect-row__toggle" aria-expanded={open} onClick={(e) => (e.stopPropagation(), props.onToggle())}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {item.number}
          </button>
        </td>
        <td className="rect-row__problem">
          <div className={open ? '' : 'rect-clamp'}>{item.problem || <em className="office-muted">{t('inferred')}</em>}</div>
          {item.absentFromLatestImport && <div className="rect-note">{t('absent')}</div>}
        </td>
        <td>
          <StatusBadge status={item.status} />
        </td>
        <td>{item.responsibleDepartment ?? <span className="office-muted">—</span>}</td>
        <td className={overdue ? 'rect-overdue' : ''}>{item.deadline ?? <span className="office-muted">—</span>}</td>
        <td className="rect-row__links">
          <LinksSummary links={item.links} />
        </td>
        <td className="rect-row__evidence" data-testid="evidence-count">
          {item.evidence.length ? <EvidenceCount item={item} /> : <span className="office-muted">0</span>}
        </td>
        <td>
          {item.rebound ? (
            <ReboundFlag rebound={item.rebound} />
          ) : item.status === 'rectified' && item.links.length ? (
            <span className="rect-holding">✓ {t('holding')}</span>
          ) : (
            <span className="office-muted">—</span>
          )}
        </td>
      </tr>
      {open && (
        <tr className="rect-row-detail">
          <td colSpan={8}>
            <ItemDetail item={item} api={props.api} work={props.work} />
          </td>
        </tr>
      )}
    </>
  );
}
