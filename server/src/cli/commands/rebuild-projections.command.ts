import { rebuildProjections } from '../../modules/projections/projection-rebuild';
import { Site } from '../../modules/registry/site.entity';
import { CliCommand, parseArgs } from './command';
import { requiredSite } from './registry.commands';
import { withDataSource } from './with-data-source';

export const rebuildProjectionsCommand: CliCommand = {
  name: 'rebuild-projections',
  usage: 'rebuild-projections --site <code>',
  summary: 'recompute tickets and staff presence from the stored events',
  async run(config, args) {
    const opts = parseArgs(args);
    const code = requiredSite(opts, 'rebuild-projections');
    await withDataSource(
      config,
      async (ds) => {
        const site = await ds.getRepository(Site).findOneBy({ code });
        if (!site) throw new Error(`No site with code "${code}"`);
        const { events } = await rebuildProjections(ds, site.id, config.PHONE_SECRET);
        console.log(`Rebuilt the projections of ${site.code} from ${events} events`);
      },
      { longRunning: true },
    );
  },
};
