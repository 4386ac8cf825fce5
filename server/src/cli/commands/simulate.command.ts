import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { DEMO_SITE } from '../../modules/demo/demo-hall';
import { hallDayOf, hallDayStartMs, hallIso, parseHallClock } from '../../modules/demo/hall-day-profile';
import { runSimulator, SimulatorMode, SimulatorSummary } from '../../modules/demo/simulator-runner';
import { demoClerks } from '../../modules/demo/demo-access';
import type { RegisterClerks } from '../../modules/demo/register-client';
import { DeviceKeysService } from '../../modules/accounts/device-keys/device-keys.service';
import { DeviceKey } from '../../modules/accounts/device-keys/device-key.entity';
import { demoTierSites } from '../../modules/demo/seed-tiers';
import { runTierSimulators, TierSite } from '../../modules/demo/tier-simulator';
import { CliCommand, parseArgs } from './command';
import { withDataSource } from './with-data-source';

export interface DemoSimulatorOptions {
  /** The server's base URL; defaults to this machine on the configured port. */
  url?: string;
  site?: string;
  key?: string;
  /** Used to issue a device key when `key` is absent (an admin action, taken on the database directly). */
  dataSource?: DataSource;
  config?: AppConfig;
  seed?: number;
  /** Live mode: send the hall's day since this hall time today (HH:MM); default the last two hours. */
  from?: string;
  /** Replay mode: this past day, at `speed`× (0: as fast as the server takes it), up to `until` (HH:MM). */
  day?: string;
  speed?: number;
  until?: string;
  durationSec?: number;
  /** false sends every event once, in order, on time. */
  flaky?: boolean;
  /** Live runs of the demo hall also play its town centres and village stations, unless false. */
  tiers?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

const DEFAULT_BACKFILL_MS = 2 * 3600 * 1000;

/** Runs the demo hall against a server; `npm start` can call this in-process. */
export async function runDemoSimulator(opts: DemoSimulatorOptions): Promise<SimulatorSummary> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const site = opts.site ?? DEMO_SITE.code;
  const url = opts.url ?? `http://localhost:${opts.config?.PORT ?? 3000}`;
  const mode = modeOf(opts);
  const key = opts.key ?? (await issueKey(site, opts, log));
  const clerks = await clerksFor(site, opts, log);
  log(
    mode.kind === 'live'
      ? `Simulating site ${site} live at ${url}, sending the hall's day since ${hallIso(mode.from.getTime())}`
      : `Replaying ${mode.day} for site ${site} at ${url}, ${mode.speed ? `${mode.speed}× real time` : 'as fast as the server takes it'}`,
  );
  const stations = mode.kind === 'live' && site === DEMO_SITE.code && opts.tiers !== false ? await stationKeys(opts, log) : [];
  const [hall] = await Promise.all([
    runSimulator({
      url,
      key,
      mode,
      seed: opts.seed,
      durationSec: opts.durationSec,
      network: opts.flaky === false ? false : {},
      register: clerks ? { site, clerks } : undefined,
      signal: opts.signal,
      log,
    }),
    stations.length && mode.kind === 'live'
      ? runTierSimulators({
          url,
          sites: stations,
          from: mode.from,
          seed: opts.seed,
          durationSec: opts.durationSec,
          signal: opts.signal,
          log,
        })
      : null,
  ]);
  return hall;
}

const STATION_KEY_NAME = 'demo station simulator';

/**
 * A device key of its own for every town centre and village station with a registry (an admin's
 * act on the database, like the hall's key); the keys of the last run are revoked first, so that
 * restarts do not pile them up.
 */
async function stationKeys(opts: DemoSimulatorOptions, log: (line: string) => void): Promise<TierSite[]> {
  const issue = async (ds: DataSource): Promise<TierSite[]> => {
    const sites = await demoTierSites(ds.manager);
    const withWindows = new Set(
      (
        await ds.query<Array<{ site_id: string }>>('SELECT DISTINCT site_id FROM windows WHERE site_id = ANY($1)', [sites.map((s) => s.id)])
      ).map((r) => r.site_id),
    );
    await ds.getRepository(DeviceKey).update({ name: STATION_KEY_NAME, revokedAt: IsNull() }, { revokedAt: new Date() });
    const keys = new DeviceKeysService(ds);
    const out: TierSite[] = [];
    for (const s of sites)
      if (withWindows.has(s.id) && s.tier !== 'hall')
        out.push({ code: s.code, tier: s.tier === 'town' ? 'town' : 'village', key: (await keys.create(s.code, STATION_KEY_NAME)).key });
    log(`Issued device keys for ${out.length} town centres and village stations`);
    return out;
  };
  if (opts.dataSource) return issue(opts.dataSource);
  if (opts.config) return withDataSource(opts.config, issue);
  return [];
}

/** The register's clerks, made on the database (an admin's act, like the device key); none without one. */
async function clerksFor(site: string, opts: DemoSimulatorOptions, log: (line: string) => void): Promise<RegisterClerks | null> {
  const make = async (ds: DataSource) => {
    const clerks = opts.config ? await demoClerks(ds, opts.config, site) : null;
    log(
      clerks
        ? `The outing and leave register is kept by ${clerks.filer.username} (files) and ${clerks.approver.username} (decides)`
        : 'No register clerks: outings are not filed in the register',
    );
    return clerks;
  };
  if (opts.dataSource) return make(opts.dataSource);
  if (opts.config) return withDataSource(opts.config, make);
  log('No database to make the register clerks on: outings are not filed in the register');
  return null;
}

function modeOf(opts: DemoSimulatorOptions): SimulatorMode {
  if (opts.day) {
    const start = hallDayStartMs(opts.day);
    const until = opts.until ? new Date(start + parseHallClock(opts.until) * 1000) : undefined;
    return { kind: 'replay', day: opts.day, speed: opts.speed ?? 60, until };
  }
  if (opts.until || opts.speed !== undefined) throw new Error('--speed and --until go with --day');
  const now = Date.now();
  const from = opts.from ? hallDayStartMs(hallDayOf(now)) + parseHallClock(opts.from) * 1000 : now - DEFAULT_BACKFILL_MS;
  return { kind: 'live', from: new Date(Math.min(from, now)) };
}

async function issueKey(site: string, opts: DemoSimulatorOptions, log: (line: string) => void): Promise<string> {
  const create = async (ds: DataSource): Promise<string> => {
    try {
      const issued = await new DeviceKeysService(ds).create(site, 'demo simulator');
      log(
        `Issued device key ${issued.key.slice(0, 12)}… for site ${site} (revoke: npm run hallwatch -- device-key revoke ${issued.key.slice(0, 12)})`,
      );
      return issued.key;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (message.startsWith('No site'))
        throw new Error(`${message}: create the demo hall first with \`npm run hallwatch -- seed-demo\``, { cause: err });
      throw err;
    }
  };
  if (opts.dataSource) return create(opts.dataSource);
  if (opts.config) return withDataSource(opts.config, create);
  throw new Error('A device key is needed: pass one, or a database to issue it from');
}

function numberOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
  return n;
}

export const simulate: CliCommand = {
  name: 'simulate',
  usage:
    'simulate [--url u] [--key k] [--site huiji] [--seed n] [--from HH:MM | --day YYYY-MM-DD --speed N --until HH:MM] [--duration-sec N] [--reliable] [--no-tiers]',
  summary: 'play the demo hall against a server through the ingest API (live, or replay a past day)',
  async run(config, args) {
    const o = parseArgs(args);
    const controller = new AbortController();
    const onSignal = () => {
      if (controller.signal.aborted) process.exit(130);
      console.log('Stopping: sending what is held back (press Ctrl-C again to quit at once)');
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const s = await runDemoSimulator({
        config,
        url: o.url,
        key: o.key,
        site: o.site,
        seed: numberOption(o.seed, 'seed', 0),
        from: o.from,
        day: o.day,
        speed: numberOption(o.speed, 'speed', 0),
        until: o.until,
        durationSec: numberOption(o['duration-sec'], 'duration-sec', 1),
        flaky: o.reliable !== 'true',
        tiers: o['no-tiers'] !== 'true',
        signal: controller.signal,
      });
      console.log(
        `Sent ${s.sent} events in ${s.requests} requests up to hall time ${s.hallTime}: ` +
          `${s.accepted} accepted, ${s.duplicate} duplicate, ${s.rejected} rejected${s.unsent ? `, ${s.unsent} not sent` : ''}`,
      );
      return s.rejected || s.unsent ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
