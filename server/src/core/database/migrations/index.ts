import { Initial1795704309410 } from './1795704309410-initial';
import { AddIndicatorHistory1795704824096 } from './1795704824096-add-indicator-history';

// Every migration, in order. `npm run hallwatch -- migration-generate <Name>` writes new ones.
export const MIGRATIONS: Function[] = [Initial1795704309410, AddIndicatorHistory1795704824096];
