import { lazy, LazyExoticComponent, ComponentType } from 'react';

// Each screen is its own chunk, so the wall TV never downloads the leaders' charts.
// A new screen adds one line here and owns everything else in pages/<name>/.
export const ROUTES: Array<{ path: string; page: LazyExoticComponent<ComponentType> }> = [
  { path: '/wall', page: lazy(() => import('./pages/wall/WallPage').then((m) => ({ default: m.WallPage }))) },
];

export const DEFAULT_PATH = '/wall';
