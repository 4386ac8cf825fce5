import { COMPARATOR_SIGNS, formatIndicatorValue, RECTIFICATION_STATUS_LABELS } from '@hallwatch/shared';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { validateInput } from '../../core/validation/input-validation';
import { AddEvidenceDto, UpdateItemDto } from '../../modules/rectification/dtos/item.dto';
import { CreateLinkDto, UpdateLinkDto } from '../../modules/rectification/dtos/link.dto';
import { LookBackSettingsDto } from '../../modules/rectification/dtos/look-back-settings.dto';
import { reportRef, resolveSite } from '../../modules/rectification/rectification-scope';
import { CliCommand, parseArgs } from './command';
import { CLI_ACTOR, rectificationServices } from './rectification.commands';
import { only, table } from './registry.commands';
import { withDataSource } from './with-data-source';

type Options = ReturnType<typeof parseArgs>;
type Services = ReturnType<typeof rectificationServices>;

const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const num = (v: string | undefined): number | string | undefined =>
  v === undefined || v === '' || Number.isNaN(Number(v)) ? v : Number(v);
const USAGE = [
  'rectification list|look-back|settings [--live-minutes n --days n --day-closes-at HH:MM]',
  'rectification update <n> [--status in_progress|rectified|ongoing] [--department d] [--deadline YYYY-MM-DD]',
  'rectification evidence <n> --date YYYY-MM-DD --text t [--file path]',
  'rectification link list|add <n> --indicator id --comparator ">=" --target x --window day|now [--department d]|update <id> …|remove <id>|defaults',
  '(all take [--site s] [--report ref])',
].join('\n    ');

/** `<action> <rest…>`: the item number or link id comes first, then the options. */
function split(args: string[]): { action: string; target: string; o: Options } {
  const [action = '', ...rest] = args;
  const o = parseArgs(rest);
  const [target = '', ...more] = o._.split(' ').filter(Boolean);
  if (more.length) throw new Error(`rectification ${action}: unexpected "${more.join(' ')}"`);
  return { action, target, o };
}

const SCOPE = ['site', 'report'];

export const rectificationCommand: CliCommand = {
  name: 'rectification',
  usage: 'rectification list|update|evidence|link|look-back|settings …',
  summary: `work on the rectification items:\n    ${USAGE}`,
  async run(config, args) {
    const link = args[0] === 'link';
    const { action, target, o } = split(link ? args.slice(1) : args);
    const scope = { site: o.site };
    const ref = reportRef(o.report);
    return withDataSource(config, async (ds) => {
      const s = rectificationServices(ds, config);
      if (link) return linkAction(s, action, target, o, scope, ref);
      if (action === 'list') {
        only(o, 'rectification list', SCOPE);
        const view = await s.items.list(scope, ref);
        const rows = view.sections.flatMap((sec) =>
          sec.items.map((i) => [
            i.number,
            RECTIFICATION_STATUS_LABELS[i.status].zh,
            i.responsibleDepartment,
            i.deadline,
            i.links
              .map((l) => `${l.indicator}=${formatIndicatorValue(l.indicator, l.value)} ${COMPARATOR_SIGNS[l.comparator]}${l.target}`)
              .join('; ') || null,
            i.evidence.length,
            i.rebound ? `反弹 since ${i.rebound.since}` : null,
          ]),
        );
        table(['no', 'status', 'department', 'deadline', 'links (value target)', 'evidence', 'rebound'], rows);
        return 0;
      }
      if (action === 'update') {
        only(o, 'rectification update', [...SCOPE, 'status', 'department', 'deadline']);
        const input = validateInput(
          UpdateItemDto,
          defined({ status: o.status, responsibleDepartment: o.department, deadline: o.deadline }),
        );
        const item = await s.items.update(CLI_ACTOR, scope, ref, target, input);
        console.log(
          `Item ${item.number}: ${RECTIFICATION_STATUS_LABELS[item.status].zh}, ${item.responsibleDepartment ?? '-'}, ${item.deadline ?? '-'}`,
        );
        return 0;
      }
      if (action === 'evidence') {
        only(o, 'rectification evidence', [...SCOPE, 'date', 'text', 'file']);
        const input = validateInput(AddEvidenceDto, defined({ date: o.date, text: o.text }));
        const file = o.file ? readFileSync(o.file) : null;
        const blob = file && o.file ? { originalname: basename(o.file), mimetype: '', size: file.length, buffer: file } : undefined;
        const e = await s.items.addEvidence(CLI_ACTOR, scope, ref, target, input, blob);
        console.log(`Recorded evidence ${e.id} of ${e.date}${e.attachment ? ` with ${e.attachment.name}` : ''}`);
        return 0;
      }
      if (action === 'look-back') {
        only(o, 'rectification look-back', ['site']);
        const r = await s.lookBack.checkSite(await resolveSite(ds.manager, o.site));
        console.log(
          `Checked ${r.links} link(s) at ${r.checkedAt}; rebounding: ${r.rebounding.map((x) => `${x.number} since ${x.since}`).join(', ') || 'none'}`,
        );
        return 0;
      }
      if (action === 'settings') {
        only(o, 'rectification settings', ['site', 'live-minutes', 'days', 'day-closes-at']);
        const input = validateInput(
          LookBackSettingsDto,
          defined({ liveMinutes: num(o['live-minutes']), days: num(o.days), dayClosesAt: o['day-closes-at'] }),
        );
        const out = Object.keys(input).length ? await s.items.updateSettings(scope, input) : await s.items.settings(scope);
        console.log(
          `Look-back: live links rebound after ${out.liveMinutes} min off target; daily links after ${out.days} missed day(s), judged after ${out.dayClosesAt}`,
        );
        return 0;
      }
      throw new Error(`rectification needs one of:\n    ${USAGE}`);
    });
  },
};

async function linkAction(s: Services, action: string, target: string, o: Options, scope: { site?: string }, ref: string): Promise<number> {
  const fields = { comparator: o.comparator, target: num(o.target), window: o.window, department: o.department };
  if (action === 'list') {
    only(o, 'rectification link list', SCOPE);
    const view = await s.items.list(scope, ref);
    const rows = view.sections.flatMap((sec) =>
      sec.items.flatMap((i) =>
        i.links.map((l) => [
          i.number,
          l.id,
          l.indicator,
          `${COMPARATOR_SIGNS[l.comparator]} ${l.target}`,
          l.window,
          l.department ?? 'site',
          l.origin,
        ]),
      ),
    );
    table(['no', 'id', 'indicator', 'target', 'window', 'scope', 'origin'], rows);
    return 0;
  }
  if (action === 'add') {
    only(o, 'rectification link add', [...SCOPE, 'indicator', 'comparator', 'target', 'window', 'department']);
    const l = await s.links.add(
      CLI_ACTOR,
      scope,
      ref,
      target,
      validateInput(CreateLinkDto, defined({ indicator: o.indicator, ...fields })),
    );
    console.log(`Linked item ${target} to ${l.indicator} ${COMPARATOR_SIGNS[l.comparator]} ${l.target} (${l.window}); id ${l.id}`);
    return 0;
  }
  if (action === 'update') {
    only(o, 'rectification link update', [...SCOPE, 'comparator', 'target', 'window', 'department']);
    const l = await s.links.update(CLI_ACTOR, scope, target, validateInput(UpdateLinkDto, defined(fields)));
    console.log(`Link ${l.id}: ${l.indicator} ${COMPARATOR_SIGNS[l.comparator]} ${l.target} (${l.window}, ${l.department ?? 'site'})`);
    return 0;
  }
  if (action === 'remove') {
    only(o, 'rectification link remove', SCOPE);
    await s.links.remove(CLI_ACTOR, scope, target);
    console.log(`Removed link ${target}`);
    return 0;
  }
  if (action === 'defaults') {
    only(o, 'rectification link defaults', SCOPE);
    console.log(`Added ${await s.links.applyDefaults(CLI_ACTOR, scope, ref)} default link(s)`);
    return 0;
  }
  throw new Error(`rectification link needs list, add, update, remove or defaults`);
}
