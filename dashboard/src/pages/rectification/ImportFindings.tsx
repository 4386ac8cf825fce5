import type { ImportMessage, RectificationCountCheck, RectificationImportResult } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { ImportedStatus } from './ImportedStatus';

const KIND_ZH: Record<string, string> = {
  'count-mismatch': '数量不符',
  'stated-count-missing': '未写明总数',
  'unplaced-line': '无法归位',
  'garbled-line': '疑似乱码',
  'duplicate-item': '编号重复',
  'out-of-order-item': '编号乱序',
  'measure-order': '措施编号错乱',
  'orphan-unassigned': '无法归属的措施',
  'missing-item': '缺少编号（已推断）',
  preamble: '前言',
  epilogue: '结尾',
  'implied-part': '推断缺失的部分标题',
  'section-gap': '类别编号跳跃',
  'subsection-gap': '小标题编号跳跃',
  'measure-numbering': '措施编号不从一开始',
  'marker-typo': '编号笔误',
  'label-missing': '缺少“整改情况”',
  remark: '备注',
};

function Messages({ title, list, open }: { title: string; list: ImportMessage[]; open: boolean }) {
  const { t, i18n } = useTranslation('rectification');
  if (!list.length) return null;
  return (
    <details className="rect-findings__list" open={open}>
      <summary>{title}</summary>
      <ul>
        {list.map((m, i) => (
          <li key={`${m.line}:${m.kind}:${i}`}>
            <span className="rect-findings__line">
              {t('atLine', { line: m.endLine && m.endLine !== m.line ? `${m.line}–${m.endLine}` : m.line })}
            </span>
            <span className="rect-findings__kind">{i18n.language.startsWith('en') ? m.kind : (KIND_ZH[m.kind] ?? m.kind)}</span>
            <span className="rect-findings__message">{m.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function CountLine({ count }: { count: RectificationCountCheck }) {
  const { t } = useTranslation('rectification');
  const values = { stated: count.stated, headed: count.headed, inferred: count.inferred.length, total: count.total };
  const text = count.matches === null ? t('countUnstated', values) : t(count.matches ? 'countAgree' : 'countDiffer', values);
  return <p className={count.matches === false ? 'rect-error' : 'rect-ok'}>{text}</p>;
}

/** What an import found: the count check, then what needs checking and what was inferred, each with its line. */
export function ImportFindings(props: {
  result?: RectificationImportResult;
  warnings: ImportMessage[];
  notes: ImportMessage[];
  onClose?: () => void;
}) {
  const { t } = useTranslation('rectification');
  const r = props.result;
  return (
    <section className="rect-findings" data-testid="import-findings">
      {props.onClose && (
        <button type="button" className="rect-button rect-button--quiet rect-findings__close" onClick={props.onClose}>
          {t('close')}
        </button>
      )}
      {r && (
        <>
          <p>
            <strong>
              {t('importResult', {
                name: r.report.sourceName,
                created: r.created.length,
                updated: r.updated.length,
                unchanged: r.unchanged,
                links: r.linksAdded,
              })}
            </strong>
          </p>
          <CountLine count={r.count} />
          {r.absent.length > 0 && <p className="rect-error">{t('absentItems', { keys: r.absent.join(', ') })}</p>}
          <ImportedStatus result={r} />
        </>
      )}
      <Messages title={t('warnings', { n: props.warnings.length })} list={props.warnings} open />
      <Messages title={t('notes', { n: props.notes.length })} list={props.notes} open={false} />
    </section>
  );
}
