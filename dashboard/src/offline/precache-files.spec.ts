import { offlineFiles, ViteManifest } from './precache-files';

const manifest: ViteManifest = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_runtime.js'] },
  _runtime: { file: 'assets/unused.js' },
  '_runtime.js': { file: 'assets/runtime-1.js' },
  '_api.js': { file: 'assets/api-1.js', imports: ['_runtime.js', 'index.html'] },
  'src/shell/Shell.tsx': { file: 'assets/Shell-1.js', imports: ['_api.js'], css: ['assets/Shell-1.css'] },
  'src/pages/patrol/PatrolPage.tsx': {
    file: 'assets/PatrolPage-1.js',
    imports: ['_api.js'],
    css: ['assets/PatrolPage-1.css'],
    assets: ['assets/icon-1.svg'],
  },
  'src/pages/trends/TrendsPage.tsx': { file: 'assets/TrendsPage-1.js', imports: ['_api.js'], css: ['assets/trends-1.css'] },
};

describe('the patrol page offline files', () => {
  it('keeps the entry, the shell and the patrol page with what they import, and no other page', () => {
    expect([...offlineFiles(manifest)].sort()).toEqual([
      'assets/PatrolPage-1.css',
      'assets/PatrolPage-1.js',
      'assets/Shell-1.css',
      'assets/Shell-1.js',
      'assets/api-1.js',
      'assets/icon-1.svg',
      'assets/index-1.js',
      'assets/runtime-1.js',
      'index.html',
    ]);
  });

  it('refuses a manifest without one of the pages, rather than a worker that cannot open it offline', () => {
    expect(() => offlineFiles(manifest, ['index.html', 'src/pages/patrol/Gone.tsx'])).toThrow('src/pages/patrol/Gone.tsx');
  });
});
