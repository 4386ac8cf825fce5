import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { offlineFiles, type ViteManifest } from '../src/offline/precache-files';

/**
 * Builds the patrol page's service worker (sw/patrol-sw.ts) into dist/patrol-sw.js once the app
 * is built, with the list of the page's files read from the app's manifest and a digest of them
 * as its version: a build that changes any of them is a new worker, which phones pick up at
 * their next load.
 */
export function patrolServiceWorker(): Plugin {
  let root = '';
  let outDir = '';
  return {
    name: 'hallwatch-patrol-sw',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
      const files = [...offlineFiles(manifest)]
        .map((f) => `/${f}`)
        .sort((a, b) => (a === '/index.html' ? -1 : b === '/index.html' ? 1 : a.localeCompare(b)));
      const digest = createHash('sha256');
      for (const f of files) digest.update(f).update(readFileSync(join(outDir, f)));
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        define: { __PATROL_FILES__: JSON.stringify(files), __PATROL_VERSION__: JSON.stringify(digest.digest('hex').slice(0, 16)) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          manifest: false,
          // A classic script: every browser that has service workers runs it, module workers or not.
          lib: { entry: resolve(root, 'sw', 'patrol-sw.ts'), formats: ['iife'], name: 'hallwatchPatrolSw', fileName: () => 'patrol-sw.js' },
        },
      });
    },
  };
}
