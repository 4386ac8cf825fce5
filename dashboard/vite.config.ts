import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { patrolServiceWorker } from './build/patrol-sw-plugin';

// The dashboard reads the shared contract from source, so it bundles only what it uses.
// The manifest (dist/.vite/manifest.json) tells the wall bench which files a screen loads,
// and the patrol page's service worker which files to keep for opening offline.
export default defineConfig({
  plugins: [react(), patrolServiceWorker()],
  resolve: { alias: { '@hallwatch/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
