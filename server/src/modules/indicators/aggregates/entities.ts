import { LiveDayCount } from './day-count.entity';
import { LiveSiteWaitSecond, LiveWaitMinute, LiveWaitSecond } from './wait-histogram.entity';
import { LiveWindowCount } from './window-count.entity';

export const LIVE_AGGREGATE_ENTITIES = [LiveDayCount, LiveWindowCount, LiveWaitMinute, LiveWaitSecond, LiveSiteWaitSecond];
