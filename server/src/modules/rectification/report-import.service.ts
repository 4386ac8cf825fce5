import { ImportMessage, RectificationCountCheck, RectificationImportResult, RectificationMeasureView } from '@hallwatch/shared';
import { HttpException, HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationReport } from './entities/rectification-report.entity';
import type { Scope } from './rectification.service';
import { addDefaultLinks } from './rectification-links.service';
import { resolveSite } from './rectification-scope';
import { reportView } from './rectification-views';
import { REPORT_FIELD } from './report-decoding';
import { REPORT_MAX_ITEMS, ReportLimitError } from './report-limits';
import { readReportInWorker, type ReadReport } from './report-parse-runner';
import { datedMeasures, signedDate, type DatedMeasure } from './report-dated-measures';
import { applyStatedStatus, evidenceChanges, importedItem, noStatuses, syncReportEvidence } from './report-evidence-import';
import type { MeasureBlock, ParsedReport } from './report-parser';
import { reportWideStatus, statedItemStatus } from './report-status';
import { Change, recordChanges } from './status-change';

/** The report's own columns of an item: what an import sets and a re-import may change. */
type ReportFields = Pick<
  RectificationItem,
  | 'key'
  | 'number'
  | 'partOrdinal'
  | 'sectionOrdinal'
  | 'sectionNumeral'
  | 'sectionTitle'
  | 'subsectionOrdinal'
  | 'subsectionTitle'
  | 'problem'
  | 'measures'
  | 'remarks'
  | 'figures'
  | 'sourceLine'
  | 'endLine'
  | 'inferredNote'
  | 'statedStatus'
>;

/** An item as the report gives it: its columns, and its dated measures to keep as evidence. */
export interface ImportableItem {
  fields: ReportFields;
  dated: DatedMeasure[];
}

// Fields whose change a reader of the history cares about; line numbers and figures follow the text.
const TRACKED: Array<{ field: string; read: (f: ReportFields) => string | null }> = [
  { field: 'number', read: (f) => String(f.number) },
  { field: 'section', read: (f) => (f.sectionNumeral ? `(${f.sectionNumeral})${f.sectionTitle ?? ''}` : null) },
  { field: 'subsection', read: (f) => (f.subsectionOrdinal !== null ? `${f.subsectionOrdinal}.${f.subsectionTitle ?? ''}` : null) },
  { field: 'problem', read: (f) => f.problem },
  { field: 'measures', read: (f) => f.measures.map((m) => `${m.marker}${m.marker ? ' ' : ''}${m.text}`).join('\n') },
  { field: 'remarks', read: (f) => (f.remarks.length ? f.remarks.join('\n') : null) },
];

type BlockFields = Omit<ReportFields, 'key' | 'number' | 'problem' | 'sourceLine' | 'inferredNote' | 'statedStatus'>;

function blockFields(b: MeasureBlock): BlockFields {
  const measures: RectificationMeasureView[] = b.measures.map((text, i) => ({
    marker: b.measureMarkers[i],
    text,
    line: b.measureLines[i],
  }));
  return {
    partOrdinal: b.part?.ordinal ?? null,
    sectionOrdinal: b.section?.ordinal ?? null,
    sectionNumeral: b.section?.numeral ?? null,
    sectionTitle: b.section?.title ?? null,
    subsectionOrdinal: b.subsection?.ordinal ?? null,
    subsectionTitle: b.subsection?.title ?? null,
    measures,
    remarks: b.remarks,
    figures: b.figures,
    endLine: b.endLine,
  };
}

/** Headed items, plus every block whose missing number the parser could deduce (the seed's 42). */
export function importableItems(parsed: ParsedReport): ImportableItem[] {
  const wide = reportWideStatus(parsed);
  const signed = signedDate(parsed);
  const item = (b: MeasureBlock, head: Pick<ReportFields, 'key' | 'number' | 'problem' | 'sourceLine' | 'inferredNote'>) => ({
    fields: { ...head, statedStatus: statedItemStatus(b, wide), ...blockFields(b) },
    dated: datedMeasures(b, signed),
  });
  const headed = parsed.items.map((i) =>
    item(i, { key: i.key, number: i.number, problem: i.problem, sourceLine: i.sourceLine, inferredNote: null }),
  );
  const notes = new Map<number, string>();
  for (const n of parsed.inferred) if (n.kind === 'missing-item' && !notes.has(n.line)) notes.set(n.line, n.message);
  const inferred = parsed.orphans.flatMap((o) => {
    if (o.key === null || o.inferredNumber === null) return [];
    const head = {
      key: o.key,
      number: o.inferredNumber,
      problem: '',
      sourceLine: o.startLine,
      inferredNote: notes.get(o.startLine) ?? null,
    };
    return [item(o, head)];
  });
  return [...headed, ...inferred].sort((a, b) => a.fields.sourceLine - b.fields.sourceLine);
}

export function countCheck(parsed: ParsedReport): RectificationCountCheck {
  const inferred = parsed.orphans.flatMap((o) => (o.inferredNumber === null ? [] : [o.inferredNumber]));
  const headed = parsed.items.length;
  const total = headed + inferred.length;
  const stated = parsed.statedCount;
  const found = `${headed} numbered item(s)${inferred.length ? ` + ${inferred.length} inferred (${inferred.map((n) => `(${n})`).join(', ')})` : ''} = ${total}`;
  const where = parsed.statedCountLine !== null ? ` (line ${parsed.statedCountLine})` : '';
  const message =
    stated === null
      ? `The report does not state how many problems it covers; found ${found}.`
      : stated === total
        ? `The report states ${stated} problems${where}; found ${found}: they agree.`
        : `The report states ${stated} problems${where} but ${found} were found; check the warnings.`;
  return { stated, headed, inferred, total, matches: stated === null ? null : stated === total, message };
}

const limitRefusal = (message: string) =>
  new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    field: REPORT_FIELD,
    message,
    errors: [{ field: REPORT_FIELD, message }],
  });

/** 429: a second import is refused, not queued, so that waiting uploads hold no memory. */
export class ImportBusyException extends HttpException {
  constructor() {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        field: REPORT_FIELD,
        message: 'Another report import is running; try again when it has finished',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

// Reads a published report into a site's items. Upserts by the parser's stable key, so a
// re-import (a corrected copy) updates items in place and never duplicates them. The status
// the report states is set until the office sets one; the report's dated measures are kept as
// evidence from the report; department, deadline, links and the office's evidence are left alone.
@Injectable()
export class ReportImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** One import at a time per process: each parses in a worker of its own, with its own heap. */
  private importing = false;

  async importReport(actor: string, scope: Scope, ref: string, file: { name: string; bytes: Buffer }): Promise<RectificationImportResult> {
    if (this.importing) throw new ImportBusyException();
    this.importing = true;
    try {
      return await this.importOne(actor, scope, ref, file);
    } finally {
      this.importing = false;
    }
  }

  private async importOne(
    actor: string,
    scope: Scope,
    ref: string,
    file: { name: string; bytes: Buffer },
  ): Promise<RectificationImportResult> {
    const { report: parsed, encoding } = await this.read(file.bytes, file.name);
    const warnings: ImportMessage[] = parsed.warnings.map((w) => ({ line: w.line, kind: w.kind, message: w.message }));
    const notes: ImportMessage[] = parsed.inferred.map((n) => ({ line: n.line, endLine: n.endLine, kind: n.kind, message: n.message }));
    const candidates = importableItems(parsed);
    if (!candidates.length)
      throw badField(
        'file',
        `no numbered (N) problems were found in "${file.name}": ${warnings.map((w) => `line ${w.line}: ${w.message}`).join(' ')}`,
      );
    if (candidates.length > REPORT_MAX_ITEMS)
      throw limitRefusal(
        `"${file.name}" was not imported: it holds ${candidates.length} numbered problems; the limit is ${REPORT_MAX_ITEMS} per report`,
      );
    return this.ds.transaction(async (em) => {
      const site = await resolveSite(em, scope.site);
      const now = this.clock.now();
      const report = await this.saveReport(em, site.id, ref, file.name, parsed, { warnings, notes }, now);
      const existing = new Map((await em.findBy(RectificationItem, { reportId: report.id })).map((i) => [i.key, i]));
      const result: RectificationImportResult = {
        site: site.code,
        report: reportView(report),
        encoding,
        created: [],
        updated: [],
        unchanged: 0,
        absent: [],
        linksAdded: 0,
        statedStatus: reportWideStatus(parsed),
        statusSet: noStatuses(),
        evidenceAdded: 0,
        evidenceTotal: 0,
        items: [],
        count: countCheck(parsed),
        warnings,
        notes,
      };
      for (const { fields, dated } of candidates) {
        let item = existing.get(fields.key);
        existing.delete(fields.key);
        const changes: Change[] = [];
        if (!item) {
          item = await em.save(em.create(RectificationItem, { ...fields, reportId: report.id, siteId: site.id, seenAt: now }));
          changes.push({ field: 'imported', old: null, new: file.name });
          result.linksAdded += await addDefaultLinks(em, item, actor, now);
          result.created.push(item.number);
        } else {
          const text = TRACKED.map((t) => ({ field: t.field, old: t.read(item!), new: t.read(fields) })).filter((c) => c.old !== c.new);
          Object.assign(item, fields, { seenAt: now });
          changes.push(...text);
          if (text.length) result.updated.push(fields.number);
          else result.unchanged += 1;
        }
        const status = await applyStatedStatus(em, item, now);
        if (status) result.statusSet[item.status] += 1;
        await em.save(item);
        const evidence = await syncReportEvidence(em, item, dated, actor);
        result.evidenceAdded += evidence.added.length;
        result.evidenceTotal += dated.length;
        await recordChanges(em, item, actor, now, [
          ...changes,
          ...(status ? [status] : []),
          ...evidenceChanges(evidence.added, evidence.removed),
        ]);
        result.items.push(importedItem(item, dated));
      }
      result.absent = [...existing.keys()];
      return result;
    });
  }

  /** A report the parser refuses is 422 (well-formed upload, unreadable content), naming the file and the limit. */
  private async read(bytes: Buffer, name: string): Promise<ReadReport> {
    try {
      return await readReportInWorker(bytes, { timeoutMs: this.config.REPORT_PARSE_TIMEOUT_MS });
    } catch (err) {
      if (!(err instanceof ReportLimitError)) throw err;
      throw limitRefusal(`"${name}" was not imported: ${err.message}`);
    }
  }

  private async saveReport(
    em: EntityManager,
    siteId: string,
    ref: string,
    sourceName: string,
    parsed: ParsedReport,
    findings: RectificationReport['findings'],
    now: Date,
  ): Promise<RectificationReport> {
    const fields = { sourceName, statedCount: parsed.statedCount, statedCountLine: parsed.statedCountLine, importedAt: now, findings };
    const report = await em.findOne(RectificationReport, { where: { siteId, ref }, lock: { mode: 'pessimistic_write' } });
    if (!report) return em.save(em.create(RectificationReport, { siteId, ref, importCount: 1, ...fields }));
    Object.assign(report, fields, { importCount: report.importCount + 1 });
    return em.save(report);
  }
}
