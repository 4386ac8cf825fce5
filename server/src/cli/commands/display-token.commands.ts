import { accountServices, asCli } from './account-services';
import { CliCommand, parseArgs } from './command';
import { only, requiredSite, table } from './registry.commands';
import { withDataSource } from './with-data-source';

export const displayTokenCommand: CliCommand = {
  name: 'display-token',
  usage: 'display-token create --site s [--name n] | revoke <id|prefix> [--site s] | list [--site s]',
  summary: 'read-only tokens for wall TVs: open /wall?site=<s>&token=<token>',
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, (ds) =>
      asCli(async () => {
        const { displays } = accountServices(ds, config);
        if (action === 'create') {
          only(o, 'display-token create', ['site', 'name']);
          const site = requiredSite(o, 'display-token create');
          const t = await displays.create(site, o.name && o.name !== 'true' ? o.name : 'wall', 'cli');
          if (!t) throw new Error(`No site with code "${site}"`);
          console.log(`Display token for site ${t.site} (id ${t.id}); it is not shown again:\n${t.token}`);
          console.log(`Wall URL: /wall?site=${t.site}&token=${t.token}`);
          return 0;
        }
        if (action === 'revoke') {
          only(o, 'display-token revoke', ['site']);
          if (!o._) throw new Error('display-token revoke needs the token id or its prefix (hwd_…)');
          const ok = await displays.revoke(o.site ?? null, o._);
          console.log(ok ? 'Revoked; walls using it are disconnected within seconds' : 'No live token matched');
          return ok ? 0 : 1;
        }
        if (action === 'list') {
          only(o, 'display-token list', ['site']);
          const rows = await displays.list(o.site ?? null);
          table(
            ['id', 'prefix', 'site', 'name', 'state'],
            rows.map((t) => [t.id, `${t.prefix}…`, t.site, t.name, t.revokedAt ? `revoked ${t.revokedAt}` : 'live']),
          );
          return 0;
        }
        throw new Error(`Usage: npm run hallwatch -- ${displayTokenCommand.usage}`);
      }),
    );
  },
};
