import { Initial1795704309410 } from './1795704309410-initial';

// Every migration, in order. `npm run hallwatch -- migration-generate <Name>` writes new ones.
export const MIGRATIONS: Function[] = [Initial1795704309410];
