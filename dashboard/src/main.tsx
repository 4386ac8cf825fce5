import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { isPagePath, PAGES } from './page-access';
import { DEFAULT_PATH, ROUTES } from './routes';

const path = location.pathname.replace(/\/+$/, '') || DEFAULT_PATH;
const known = isPagePath(path) ? path : null;
if (known) ROUTES[known].warm?.();

// The shell is a chunk of its own: the wall, which opens without it, never downloads it.
const Shell = lazy(() => import('./shell/Shell').then((m) => ({ default: m.Shell })));

function App() {
  if (!known) return <Shell path={path} />;
  const Page = ROUTES[known].page;
  if (PAGES[known].frame === 'own') return <Page />;
  return (
    <Shell path={known}>
      <Page />
    </Shell>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <App />
    </Suspense>
  </StrictMode>,
);
