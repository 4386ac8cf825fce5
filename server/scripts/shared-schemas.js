// Writes the JSON schemas of shared/'s exported types (the answers the API sends) to
// server/src/core/openapi/shared-schemas.json, so the OpenAPI document names the same types the
// server and the dashboard compile against. Run after changing a type in shared/:
//   node server/scripts/shared-schemas.js          (--check: fail when the file is out of date)
const { createGenerator } = require('ts-json-schema-generator');
const { readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const src = join(root, 'shared', 'src');
const out = join(root, 'server', 'src', 'core', 'openapi', 'shared-schemas.json');

// The event contract is described from its validation rules instead (modules/ingest/event-schemas.ts).
const SKIP = new Set(['HallEvent', 'AnyHallEvent', 'HallEventOf', 'EventDataMap', 'ValidationOutcome', 'EventTypeIn', 'EventFamily']);

function exportedTypes() {
  const names = [];
  for (const file of readdirSync(src)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .sort()) {
    const text = readFileSync(join(src, file), 'utf8');
    // Generic types have no schema of their own: they appear where they are instantiated.
    for (const m of text.matchAll(/^export (?:interface|type) (\w+)\b(?!\s*<)/gm)) if (!SKIP.has(m[1])) names.push(m[1]);
  }
  return names;
}

const componentName = (name) =>
  decodeURIComponent(name)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+$/, '');

function generate() {
  const generator = createGenerator({
    path: join(src, 'index.ts'),
    tsconfig: join(root, 'shared', 'tsconfig.json'),
    skipTypeCheck: true,
    functions: 'hide',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
  });
  const definitions = {};
  for (const name of exportedTypes()) {
    try {
      Object.assign(definitions, generator.createSchema(name).definitions);
    } catch (err) {
      // A type made of functions or conditional types is no answer body; say so and go on.
      process.stderr.write(`skipped ${name}: ${String(err.message).split('\n')[0]}\n`);
    }
  }
  const renamed = {};
  for (const key of Object.keys(definitions).sort()) renamed[componentName(key)] = definitions[key];
  const json = JSON.stringify(renamed, null, 1).replace(
    /"#\/definitions\/([^"]+)"/g,
    (_m, ref) => `"#/components/schemas/${componentName(ref)}"`,
  );
  return `${json}\n`;
}

const text = generate();
if (process.argv.includes('--check')) {
  if (readFileSync(out, 'utf8') !== text) {
    process.stderr.write(`${out} is out of date: run node server/scripts/shared-schemas.js\n`);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  process.stdout.write(`wrote ${Object.keys(JSON.parse(text)).length} schemas to ${out}\n`);
}
