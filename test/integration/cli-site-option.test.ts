import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, TestDatabase } from '../support/test-db';

jest.setTimeout(60_000);

const CLI = join(__dirname, '..', '..', 'server', 'dist', 'cli', 'main.js');

// Every CLI command that works on one site says which option it needs when --site is missing or
// given without a code, instead of looking for a site called "true".
describe('the CLI’s --site option', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  const fails = async (args: string[]): Promise<string> => {
    try {
      await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: db.url } });
    } catch (err) {
      return (err as { stderr: string }).stderr;
    }
    throw new Error(`${args.join(' ')} succeeded`);
  };

  it.each([
    ['device-key create', ['device-key', 'create', '--name', 'pad']],
    ['rebuild-projections', ['rebuild-projections']],
    ['display-token create', ['display-token', 'create', '--name', 'TV']],
    ['patrol-schedule', ['patrol-schedule']],
  ])('%s: missing or bare --site names the option', async (command, args) => {
    expect(await fails(args)).toContain(`${command} needs --site <code>`);
    expect(await fails([...args, '--site'])).toContain(`${command} needs --site <code>`);
  });

  it('names an unknown site', async () => {
    expect(await fails(['rebuild-projections', '--site', 'nowhere'])).toContain('No site with code "nowhere"');
  });
});
