import { ImportMessage, RectificationCountCheck, RectificationImportResult, RectificationMeasureView } from '@hallwatch/shared';
import { HttpException, HttpStatus, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { RectificationHistory } from './entities/rectification-history.entity';
import { RectificationItem } from './entities/rectification-item.entity';
import { RectificationReport } from './entities/rectification-report.entity';
import type { Scope } from './rectification.service';
import { addDefaultLinks } from './rectification-links.service';
import { resolveSite } from './rectification-scope';
import { reportView } from './rectification-views';
import { REPORT_FIELD } from './report-decoding';
import { REPORT_MAX_ITEMS, ReportLimitError } from './report-limits';
import { readReportInWorker, type ReadReport } from './report-parse-runner';
import type { MeasureBlock, ParsedReport } from './report-parser';

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
>;

// Fields whose change a reader of the history cares about; line numbers and figures follow the text.
const TRACKED: Array<{ field: string; read: (f: ReportFields) => string | null }> = [
  { field: 'number', read: (f) => String(f.number) },
  { field: 'section', read: (f) => (f.sectionNumeral ? `(${f.sectionNumeral})${f.sectionTitle ?? ''}` : null) },
  { field: 'subsection', read: (f) => (f.subsectionOrdinal !== null ? `${f.subsectionOrdinal}.${f.subsectionTitle ?? ''}` : null) },
  { field: 'problem', read: (f) => f.problem },
  { field: 'measures', read: (f) => f.measures.map((m) => `${m.marker}${m.marker ? ' ' : ''}${m.text}`).join('\n') },
  { field: 'remarks', read: (f) => (f.remarks.length ? f.remarks.join('\n') : null) },
];

function blockFields(b: MeasureBlock): Omit<ReportFields, 'key' | 'number' | 'problem' | 'sourceLine' | 'inferredNote'> {
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
export function importableItems(parsed: ParsedReport): ReportFields[] {
  const headed = parsed.items.map((i) => ({
    key: i.key,
    number: i.number,
    problem: i.problem,
    sourceLine: i.sourceLine,
    inferredNote: null,
    ...blockFields(i),
  }));
  const notes = new Map<number, string>();
  for (const n of parsed.inferred) if (n.kind === 'missing-item' && !notes.has(n.line)) notes.set(n.line, n.message);
  const inferred = parsed.orphans.flatMap((o) => {
    if (o.key === null || o.inferredNumber === null) return [];
    return [
      {
        key: o.key,
        number: o.inferredNumber,
        problem: '',
        sourceLine: o.startLine,
        inferredNote: notes.get(o.startLine) ?? null,
        ...blockFields(o),
      },
    ];
  });
  return [...headed, ...inferred].sort((a, b) => a.sourceLine - b.sourceLine);
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
// re-import (a corrected copy) updates items in place and never duplicates them; the
// hall's own fields (status, department, deadline, links, evidence) are left alone.
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
        count: countCheck(parsed),
        warnings,
        notes,
      };
      for (const fields of candidates) {
        const item = existing.get(fields.key);
        existing.delete(fields.key);
        if (!item) {
          const created = await em.save(em.create(RectificationItem, { ...fields, reportId: report.id, siteId: site.id, seenAt: now }));
          await em.insert(RectificationHistory, {
            itemId: created.id,
            at: now,
            actor,
            field: 'imported',
            oldValue: null,
            newValue: file.name,
          });
          result.linksAdded += await addDefaultLinks(em, created, actor, now);
          result.created.push(created.number);
          continue;
        }
        const changes = TRACKED.map((t) => ({ field: t.field, old: t.read(item), new: t.read(fields) })).filter((c) => c.old !== c.new);
        await em.update(RectificationItem, { id: item.id }, { ...fields, seenAt: now });
        if (!changes.length) {
          result.unchanged += 1;
          continue;
        }
        await em.insert(
          RectificationHistory,
          changes.map((c) => ({ itemId: item.id, at: now, actor, field: c.field, oldValue: c.old, newValue: c.new })),
        );
        result.updated.push(fields.number);
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
