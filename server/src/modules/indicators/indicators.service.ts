import { IndicatorSnapshot, IndicatorValues } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { serviceDay } from '../../core/time/service-day';
import { Site } from '../registry/site.entity';

type Row = { department: string | null; [k: string]: unknown };

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

@Injectable()
export class IndicatorsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async snapshot(site: Site): Promise<IndicatorSnapshot> {
    const now = this.clock.now();
    const day = serviceDay(now, site.timezone);
    const departments: Record<string, IndicatorValues> = {};
    const dept = (code: string | null): IndicatorValues => {
      const key = code ?? '?';
      return (departments[key] ??= {});
    };

    const queue: Row[] = await this.ds.query(
      `SELECT department, count(*) FILTER (WHERE status = 'waiting') AS waiting,
              count(*) FILTER (WHERE status = 'done') AS served
       FROM tickets WHERE site_id = $1 AND service_day = $2 GROUP BY department`,
      [site.id, day],
    );
    let waiting = 0;
    let served = 0;
    for (const r of queue) {
      dept(r.department)['queue.waiting'] = num(r.waiting);
      dept(r.department)['queue.served'] = num(r.served);
      waiting += num(r.waiting);
      served += num(r.served);
    }
    return {
      site: site.code,
      asOf: now.toISOString(),
      values: { 'queue.waiting': waiting, 'queue.served': served },
      departments,
    };
  }
}
