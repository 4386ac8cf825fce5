// `npm run bench [-- name...]`: runs the named benchmarks (all by default) against the built
// server and writes their figures to test/bench/RESULTS.md with the machine and the date.
const { writeFileSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const os = require('node:os');

const BENCHES = {
  ingest: () => require('./ingest.bench.js'),
  live: () => require('./live.bench.js'),
  wall: () => require('./wall.bench.js'),
  patrol: () => require('./patrol.bench.js'),
  trends: () => require('./trends.bench.js'),
  parser: () => require('./parser.bench.js'),
  sites: () => require('./sites.bench.js'),
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(BENCHES);
  const file = join(__dirname, 'RESULTS.md');
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  for (const name of names) {
    if (!BENCHES[name]) throw new Error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`== bench ${name}`);
    const section = await BENCHES[name]().run();
    const heading = `## ${name}`;
    const block = `${heading}\n\nRun ${new Date().toISOString()} on ${machine}.\n\n${section.trim()}\n`;
    let text = existsSync(file)
      ? readFileSync(file, 'utf8')
      : '# Hallwatch benchmarks\n\nWritten by `npm run bench`; each section is replaced by its latest run.\n';
    const re = new RegExp(`${heading}\\n[\\s\\S]*?(?=\\n## |$)`);
    text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}`;
    writeFileSync(file, text);
    console.log(section);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
