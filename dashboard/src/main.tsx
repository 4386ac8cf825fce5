import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { WallPage } from './pages/wall/WallPage';

// One bundle, routed by path: the wall is what a fresh install shows first.
function App() {
  const path = location.pathname.replace(/\/+$/, '');
  if (path === '' || path === '/wall') return <WallPage />;
  return <WallPage />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
