import { rebuildProjections } from '../../modules/projections/projection-rebuild';
import { Site } from '../../modules/registry/site.entity';
import { CliCommand, parseArgs } from './command';
import { withDataSource } from './with-data-source';

export const rebuildProjectionsCommand: CliCommand = {
  name: 'rebuild-projections',
  usage: 'rebuild-projections --site <code>',
  summary: 'recompute tickets and staff presence from the stored events',
  async run(config, args) {
    const opts = parseArgs(args);
    if (!opts.site) throw new Error('rebuild-projections needs --site <code>');
    await withDataSource(config, async (ds) => {
      const site = await ds.getRepository(Site).findOneBy({ code: opts.site });
      if (!site) throw new Error(`No site with code "${opts.site}"`);
      const { events } = await rebuildProjections(ds, site.id, config.PHONE_SECRET);
      console.log(`Rebuilt the projections of ${site.code} from ${events} events`);
    });
  },
};
