import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Features may lean on one another only one way (docs/architecture.md): a cycle between two
// folders of server/src (core/auth ⇄ accounts, accounts ⇄ registry, ...) is refused here. Cycles
// between files of one folder are that folder's own business.
const SRC = join(__dirname, '..');

// Cycles that other work under way is taking apart, each written as its folders in order. The
// list may only shrink: a new cycle fails, and so does an entry whose cycle is gone.
const KNOWN_CYCLES: string[] = [];

// Loaded at run time, typed by hand: the type check of the other tests does not wait for
// madge to be installed (a checkout that has not run `npm install` since fails here only).
type Madge = (
  root: string,
  config: { fileExtensions: string[]; tsConfig?: string; excludeRegExp: RegExp[] },
) => Promise<{ obj(): Record<string, string[]> }>;
const madge = createRequire(__filename)('madge') as Madge;

interface FolderCycle {
  folders: string[];
  /** One import per edge inside the cycle, to say where to cut it. */
  through: string[];
}

/** The folder a file belongs to: core/<name>, modules/<name>, cli, or the top-level files. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if ((parts[0] === 'core' || parts[0] === 'modules') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts.length > 1 ? parts[0] : '(top level)';
}

/** The groups of folders that reach each other through imports (Tarjan's strongly connected components). */
async function folderCycles(root: string, tsConfig?: string): Promise<FolderCycle[]> {
  const files = (await madge(root, { fileExtensions: ['ts'], tsConfig, excludeRegExp: [/\.spec\.ts$/, /__tests__/, /\.d\.ts$/] })).obj();
  const edges = new Map<string, Map<string, string>>();
  for (const [file, deps] of Object.entries(files)) {
    const from = folderOf(file);
    if (!edges.has(from)) edges.set(from, new Map());
    // Paths outside root (the shared package) start with "..": not a folder of the server.
    for (const dep of deps)
      if (!dep.startsWith('..') && folderOf(dep) !== from && !edges.get(from)!.has(folderOf(dep)))
        edges.get(from)!.set(folderOf(dep), `${file} → ${dep}`);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: FolderCycle[] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      group.push(w);
    } while (w !== v);
    if (group.length < 2) return;
    group.sort();
    const through = group.flatMap((a) => group.flatMap((b) => edges.get(a)?.get(b) ?? []));
    cycles.push({ folders: group, through });
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

describe('no import cycles between the folders of server/src', () => {
  jest.setTimeout(60_000);

  it('finds none but the known ones, and each known one still exists', async () => {
    const cycles = await folderCycles(SRC, join(SRC, '..', 'tsconfig.json'));
    const named = cycles.map((c) => c.folders.join(' ⇄ '));
    expect(cycles.filter((_c, i) => !KNOWN_CYCLES.includes(named[i]))).toEqual([]);
    // A known cycle that is gone leaves the list, so that it cannot come back unnoticed.
    expect(KNOWN_CYCLES.filter((k) => !named.includes(k))).toEqual([]);
  });

  it('finds a cycle between two features, and none inside one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hallwatch-cycles-'));
    const write = (file: string, code: string): void => {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), code);
    };
    try {
      write('modules/a/a.ts', "import { b } from '../b/b';\nexport const a = () => b;\n");
      write('modules/b/b.ts', "import { a } from '../a/a';\nexport const b = () => a;\n");
      write('modules/c/one.ts', "import { two } from './two';\nexport const one = () => two;\n");
      write('modules/c/two.ts', "import { one } from './one';\nexport const two = () => one;\n");
      expect(await folderCycles(root)).toEqual([
        { folders: ['modules/a', 'modules/b'], through: ['modules/a/a.ts → modules/b/b.ts', 'modules/b/b.ts → modules/a/a.ts'] },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
