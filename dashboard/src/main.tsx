import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { DEFAULT_PATH, ROUTES } from './routes';

const path = location.pathname.replace(/\/+$/, '') || DEFAULT_PATH;
const route = ROUTES.find((r) => r.path === path) ?? ROUTES.find((r) => r.path === DEFAULT_PATH)!;
route.warm?.();

function App() {
  const Page = route.page;
  return (
    <Suspense fallback={null}>
      <Page />
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
