// Which built files the patrol page needs to open with no network, read from Vite's build
// manifest: the entry, the shell and the patrol page, each with the chunks and styles it
// imports. The service worker keeps these and nothing else, so a patrol phone does not carry
// the leaders' charts or the wall.

export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
  assets?: string[];
}

export type ViteManifest = Record<string, ManifestChunk>;

/** The modules the patrol page opens from: the app's entry, then the chunks it loads lazily. */
export const PATROL_ROOTS = ['index.html', 'src/shell/Shell.tsx', 'src/pages/patrol/PatrolPage.tsx'];

/** The files (paths under dist/) that `roots` load, through their static imports; index.html itself included. */
export function offlineFiles(manifest: ViteManifest, roots: readonly string[] = PATROL_ROOTS): Set<string> {
  const files = new Set<string>(['index.html']);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no chunk ${key}: the patrol page's offline files cannot be listed`);
    seen.add(key);
    files.add(chunk.file);
    for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  roots.forEach(visit);
  return files;
}
