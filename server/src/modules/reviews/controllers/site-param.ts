import { NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Site } from '../../registry/site.entity';

export async function siteByCode(ds: DataSource, code: string): Promise<Site> {
  const site = await ds.getRepository(Site).findOneBy({ code });
  if (!site) throw new NotFoundException(`No site with code "${code}"`);
  return site;
}

/** Content-Disposition for a Chinese file name, with an ASCII fallback for old clients. */
export const attachment = (name: string, fallback: string): string =>
  `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
