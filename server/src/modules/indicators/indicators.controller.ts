import { IndicatorSnapshot } from '@hallwatch/shared';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Site } from '../registry/site.entity';
import { IndicatorsService } from './indicators.service';

@Controller('api/v1/sites')
export class IndicatorsController {
  constructor(
    private readonly ds: DataSource,
    private readonly indicators: IndicatorsService,
  ) {}

  /** The same snapshot the live socket sends on connect. */
  @Get(':site/indicators')
  async get(@Param('site') code: string): Promise<IndicatorSnapshot> {
    const site = await this.ds.getRepository(Site).findOneBy({ code });
    if (!site) throw new NotFoundException(`No site with code "${code}"`);
    return this.indicators.snapshot(site);
  }
}
