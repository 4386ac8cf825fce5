import { lazy, LazyExoticComponent, ComponentType } from 'react';

// Each screen is its own chunk, so the wall TV never downloads the leaders' charts.
// A new screen adds one line here and owns everything else in pages/<name>/.
// `warm` starts what a screen needs from the server while its code is still loading.
export const ROUTES: Array<{ path: string; page: LazyExoticComponent<ComponentType>; warm?: () => void }> = [
  {
    path: '/wall',
    page: lazy(() => import('./pages/wall/WallPage').then((m) => ({ default: m.WallPage }))),
    warm: () => void import('./pages/wall/preconnect').then((m) => m.preconnectWall()),
  },
  { path: '/login', page: lazy(() => import('./pages/login/LoginPage').then((m) => ({ default: m.LoginPage }))) },
  { path: '/patrol', page: lazy(() => import('./pages/patrol/PatrolPage').then((m) => ({ default: m.PatrolPage }))) },
  {
    path: '/checkpoint-sheet',
    page: lazy(() => import('./pages/checkpoint-sheet/CheckpointSheetPage').then((m) => ({ default: m.CheckpointSheetPage }))),
  },
  { path: '/trends', page: lazy(() => import('./pages/trends/TrendsPage').then((m) => ({ default: m.TrendsPage }))) },
  {
    path: '/rectification',
    page: lazy(() => import('./pages/rectification/RectificationPage').then((m) => ({ default: m.RectificationPage }))),
  },
  { path: '/department', page: lazy(() => import('./pages/department/DepartmentPage').then((m) => ({ default: m.DepartmentPage }))) },
  { path: '/admin', page: lazy(() => import('./pages/admin/AdminPage').then((m) => ({ default: m.AdminPage }))) },
  {
    path: '/callback-checks',
    page: lazy(() => import('./pages/callback-checks/CallbackChecksPage').then((m) => ({ default: m.CallbackChecksPage }))),
  },
  { path: '/absences', page: lazy(() => import('./pages/absences/AbsencesPage').then((m) => ({ default: m.AbsencesPage }))) },
];

export const DEFAULT_PATH = '/wall';
