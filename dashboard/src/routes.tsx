import { lazy, LazyExoticComponent, ComponentType } from 'react';
import type { PagePath } from './page-access';

// Each screen is its own chunk, so the wall TV never downloads the leaders' charts.
// A new screen adds one line here and one in page-access.ts (who may use it), and owns
// everything else in pages/<name>/. The compiler holds the two tables to the same pages.
// `warm` starts what a screen needs from the server while its code is still loading.
export const ROUTES: Record<PagePath, { page: LazyExoticComponent<ComponentType>; warm?: () => void }> = {
  '/wall': {
    page: lazy(() => import('./pages/wall/WallPage').then((m) => ({ default: m.WallPage }))),
    warm: () => void import('./pages/wall/preconnect').then((m) => m.preconnectWall()),
  },
  '/login': { page: lazy(() => import('./pages/login/LoginPage').then((m) => ({ default: m.LoginPage }))) },
  '/desk': { page: lazy(() => import('./pages/desk/DeskPage').then((m) => ({ default: m.DeskPage }))) },
  '/patrol': { page: lazy(() => import('./pages/patrol/PatrolPage').then((m) => ({ default: m.PatrolPage }))) },
  '/checkpoint-sheet': {
    page: lazy(() => import('./pages/checkpoint-sheet/CheckpointSheetPage').then((m) => ({ default: m.CheckpointSheetPage }))),
  },
  '/notice': { page: lazy(() => import('./pages/notice/NoticePage').then((m) => ({ default: m.NoticePage }))) },
  '/district': { page: lazy(() => import('./pages/district/DistrictPage').then((m) => ({ default: m.DistrictPage }))) },
  '/assessment': { page: lazy(() => import('./pages/assessment/AssessmentPage').then((m) => ({ default: m.AssessmentPage }))) },
  '/reports': { page: lazy(() => import('./pages/reports/ReportsPage').then((m) => ({ default: m.ReportsPage }))) },
  '/visits': { page: lazy(() => import('./pages/visits/VisitsPage').then((m) => ({ default: m.VisitsPage }))) },
  '/trends': { page: lazy(() => import('./pages/trends/TrendsPage').then((m) => ({ default: m.TrendsPage }))) },
  '/rectification': {
    page: lazy(() => import('./pages/rectification/RectificationPage').then((m) => ({ default: m.RectificationPage }))),
  },
  '/department': { page: lazy(() => import('./pages/department/DepartmentPage').then((m) => ({ default: m.DepartmentPage }))) },
  '/admin': { page: lazy(() => import('./pages/admin/AdminPage').then((m) => ({ default: m.AdminPage }))) },
  '/notify': { page: lazy(() => import('./pages/notify/NotifyPage').then((m) => ({ default: m.NotifyPage }))) },
  '/callback-checks': {
    page: lazy(() => import('./pages/callback-checks/CallbackChecksPage').then((m) => ({ default: m.CallbackChecksPage }))),
  },
  '/alert-routing': {
    page: lazy(() => import('./pages/alert-routing/AlertRoutingPage').then((m) => ({ default: m.AlertRoutingPage }))),
  },
  '/absences': { page: lazy(() => import('./pages/absences/AbsencesPage').then((m) => ({ default: m.AbsencesPage }))) },
};

export const DEFAULT_PATH: PagePath = '/wall';
