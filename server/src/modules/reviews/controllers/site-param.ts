import { NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Site } from '../../registry/site.entity';

export async function siteByCode(ds: DataSource, code: string): Promise<Site> {
  const site = await ds.getRepository(Site).findOneBy({ code });
  if (!site) throw new NotFoundException(`No site with code "${code}"`);
  return site;
}
