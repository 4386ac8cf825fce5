import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The boundary between core/ and the features is kept by the lint configuration; this proves the
// rule bites (a passing lint run alone cannot tell a working rule from a missing one).
const ROOT = join(__dirname, '..', '..', '..', '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

function lint(filePath: string, code: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', filePath], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const importsFeature = "import { IngestService } from '../../modules/ingest/ingest.service';\nexport const x = IngestService;\n";

describe('core/ may not import feature modules', () => {
  jest.setTimeout(60_000);

  it('fails lint for a core file that imports a module', () => {
    const { status, output } = lint('server/src/core/time/new-helper.ts', importsFeature);
    expect(status).toBe(1);
    expect(output).toContain('server/src/core is infrastructure');
  });

  it('lets a module import core, and core import core', () => {
    const fromModule = "import { Clock } from '../../core/time/clock';\nexport const x = Clock;\n";
    expect(lint('server/src/modules/ingest/new-helper.ts', fromModule).status).toBe(0);
    const withinCore = "import { Clock } from '../time/clock';\nexport const x = Clock;\n";
    expect(lint('server/src/core/redis/new-helper.ts', withinCore).status).toBe(0);
  });
});
