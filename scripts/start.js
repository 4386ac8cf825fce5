// `npm start`: the server and the dashboard on one port, with the demo hall feeding it
// through the public ingest API (HALLWATCH_DEMO=0 starts without the demo).
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { serverNodeArgs } = require(path.join(root, 'server', 'dist', 'core', 'startup', 'heap-limit.js'));
const demo = process.env.HALLWATCH_DEMO !== '0';
const port = process.env.PORT || '3000';
// Warnings and errors only: a log line per device request would bury the simulator's progress
// and the printed way in (LOG_LEVEL=info shows them).
const env = {
  ...process.env,
  DASHBOARD_DIR: process.env.DASHBOARD_DIR || path.join(root, 'dashboard', 'dist'),
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
};
const children = [];

const server = spawn(process.execPath, [...serverNodeArgs(), path.join(root, 'server', 'dist', 'main.js'), ...(demo ? ['--demo'] : [])], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
children.push(server);
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (demo && chunk.toString().includes('Hallwatch is serving') && children.length === 1) {
    importReport();
    startSimulator();
  }
});
server.on('exit', (code, signal) => {
  for (const c of children) if (c !== server) c.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});

// The hall's published rectification report (the 60 整改事项), so the demo's /rectification
// page and the wall's off-target panel have their items; a hall that has it keeps its own.
function importReport() {
  const report = path.join(root, 'server', 'src', 'modules', 'rectification', '__tests__', 'fixtures', 'huiji-2024-report.txt');
  const cli = path.join(root, 'server', 'dist', 'cli', 'main.js');
  const run = spawn(process.execPath, [cli, 'import-report', report, '--site', 'huiji', '--if-missing'], { env, stdio: 'inherit' });
  run.on(
    'exit',
    (code) => code && console.error(`importing the demo rectification report failed (exit ${code}); the server keeps running`),
  );
}

function startSimulator() {
  const sim = spawn(
    process.execPath,
    [path.join(root, 'server', 'dist', 'cli', 'main.js'), 'simulate', '--url', `http://127.0.0.1:${port}`, '--site', 'huiji'],
    {
      env,
      stdio: 'inherit',
    },
  );
  children.push(sim);
  sim.on('exit', (code) => code && console.error(`demo simulator stopped (exit ${code}); the server keeps running`));
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => children.forEach((c) => c.kill(sig)));
