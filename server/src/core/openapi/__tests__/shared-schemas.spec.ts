import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(180_000);

// The document's answer schemas are generated from shared/'s types: a type changed without
// regenerating them would make the document say something the server no longer sends.
it('the shared schemas are generated from the current shared types', () => {
  const script = join(__dirname, '..', '..', '..', '..', 'scripts', 'shared-schemas.js');
  expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
});
