import { RectificationImportResult } from '@hallwatch/shared';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { buildLedger } from '../../modules/rectification/ledger-export';
import { LookBackService } from '../../modules/rectification/look-back.service';
import { RectificationService } from '../../modules/rectification/rectification.service';
import { RectificationLinksService } from '../../modules/rectification/rectification-links.service';
import { reportRef, resolveSite } from '../../modules/rectification/rectification-scope';
import { ReportImportService } from '../../modules/rectification/report-import.service';
import { snapshotIndicators } from '../../snapshot.module';
import { CliCommand, parseArgs } from './command';
import { only } from './registry.commands';
import { withDataSource } from './with-data-source';

/** Who made a change from the CLI, until accounts name the person. */
export const CLI_ACTOR = 'cli';

/** The rectification services without Nest; live values come from the same snapshot as the server's, every source included. */
export function rectificationServices(ds: DataSource, config?: AppConfig) {
  // FIXED_CLOCK holds here as in the server and the worker.
  const clock = new Clock(config);
  const indicators = snapshotIndicators(ds, clock);
  return {
    indicators,
    items: new RectificationService(ds, indicators, clock),
    links: new RectificationLinksService(ds, clock),
    lookBack: new LookBackService(ds, indicators),
  };
}

const span = (m: { line: number; endLine?: number }) => (m.endLine && m.endLine !== m.line ? `${m.line}–${m.endLine}` : `${m.line}`);
const list = (ns: number[]) => (ns.length ? ns.join(', ') : 'none');

export function printImportResult(r: RectificationImportResult, log: (line: string) => void = console.log): void {
  log(`Imported ${r.report.sourceName} (${r.encoding}) into site ${r.site}, report "${r.report.ref}" (import #${r.report.importCount})`);
  log(`Count check: ${r.count.message}`);
  log(`Created: ${list(r.created)}`);
  log(`Updated: ${list(r.updated)}; unchanged: ${r.unchanged}; default links added: ${r.linksAdded}`);
  if (r.absent.length) log(`No longer in the report (kept): ${r.absent.join(', ')}`);
  const stated = r.statedStatus
    ? `the report states "${r.statedStatus.phrase}" (line ${r.statedStatus.line})`
    : 'the report states no status for all items';
  const set = Object.entries(r.statusSet).filter(([, n]) => n > 0);
  log(`Status: ${stated}; set by this import: ${set.length ? set.map(([s, n]) => `${n} ${s}`).join(', ') : 'none'}`);
  log(
    `Evidence from the report: ${r.evidenceTotal} dated measure(s) in ${r.items.filter((i) => i.measures.length).length} item(s); ${r.evidenceAdded} newly recorded`,
  );
  log(`Warnings (${r.warnings.length}):`);
  for (const w of r.warnings) log(`  line ${span(w)}  ${w.kind}: ${w.message}`);
  log(`Inferred (${r.notes.length}):`);
  for (const n of r.notes) log(`  line ${span(n)}  ${n.kind}: ${n.message}`);
}

export const importReportCommand: CliCommand = {
  name: 'import-report',
  usage: 'import-report <file> [--site s] [--report ref] [--if-missing]',
  summary: 'import a published 巡察整改 report; re-importing updates its items (--if-missing: only when the site has none)',
  async run(config, args) {
    const o = parseArgs(args);
    only(o, 'import-report', ['site', 'report', 'if-missing']);
    if (!o._) throw new Error('import-report needs the report file');
    const bytes = readFileSync(o._);
    return withDataSource(config, async (ds) => {
      if (o['if-missing'] === 'true') {
        const site = await resolveSite(ds.manager, o.site);
        if ((await rectificationServices(ds, config).items.list({ site: site.code }, reportRef(o.report))).report) {
          console.log(`Site ${site.code} already has rectification report "${reportRef(o.report)}"; left as it is`);
          return 0;
        }
      }
      const importer = new ReportImportService(ds, new Clock(), config);
      const result = await importer.importReport(CLI_ACTOR, { site: o.site }, reportRef(o.report), {
        name: basename(o._),
        bytes,
      });
      printImportResult(result);
      return 0;
    });
  },
};

export const exportLedgerCommand: CliCommand = {
  name: 'export-ledger',
  usage: 'export-ledger <file.xlsx> [--site s] [--report ref]',
  summary: 'write the rectification ledger (整改台账) as an Excel file',
  async run(config, args) {
    const o = parseArgs(args);
    only(o, 'export-ledger', ['site', 'report']);
    if (!o._) throw new Error('export-ledger needs the file to write, e.g. ledger.xlsx');
    return withDataSource(config, async (ds) => {
      const site = await resolveSite(ds.manager, o.site);
      const view = await rectificationServices(ds, config).items.list({ site: site.code }, reportRef(o.report));
      if (!view.report) throw new Error(`Site ${site.code} has no rectification report "${reportRef(o.report)}"; import one first`);
      writeFileSync(o._, await buildLedger(view, site.timezone));
      console.log(`Wrote ${view.counts.total} items of site ${site.code} to ${o._}`);
      return 0;
    });
  },
};
