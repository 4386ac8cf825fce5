import { DeviceKeysService } from '../../modules/accounts/device-keys/device-keys.service';
import { CliCommand, parseArgs } from './command';
import { requiredSite } from './registry.commands';
import { withDataSource } from './with-data-source';

export const deviceKey: CliCommand = {
  name: 'device-key',
  usage: 'device-key create|revoke|list --site <code> [--name n] [--require-signature]',
  summary: 'issue (printed once), revoke or list device keys',
  async run(config, args) {
    const [action, ...rest] = args;
    const opts = parseArgs(rest);
    return withDataSource(config, async (ds) => {
      const keys = new DeviceKeysService(ds);
      if (action === 'create') {
        const k = await keys.create(requiredSite(opts, 'device-key create'), opts.name ?? 'device', {
          requireSignature: opts['require-signature'] === 'true',
        });
        console.log(`Device key for site ${k.site} (id ${k.id}); store it now, it is not shown again:\n${k.key}`);
        return 0;
      }
      if (action === 'revoke') {
        const target = opts._ || opts.id || opts.prefix;
        if (!target) throw new Error('device-key revoke needs the key id or its prefix (hwk_…)');
        const n = await keys.revoke(target);
        console.log(n ? `Revoked ${n} key(s)` : 'No live key matched');
        return n ? 0 : 1;
      }
      if (action === 'list') {
        for (const k of await keys.list(opts.site))
          console.log(
            `${k.id}  ${k.prefix}…  ${k.site}  ${k.name}  ${k.requireSignature ? 'signed  ' : ''}${k.revokedAt ? 'revoked ' + new Date(k.revokedAt).toISOString() : 'live'}`,
          );
        return 0;
      }
      throw new Error('device-key needs create, revoke or list');
    });
  },
};
