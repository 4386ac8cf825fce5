// `npm start`: the server and the dashboard on one port, with the demo hall feeding it.
const { spawn } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, DASHBOARD_DIR: process.env.DASHBOARD_DIR || path.join(__dirname, '..', 'dashboard', 'dist') };
const args = [path.join(__dirname, '..', 'server', 'dist', 'main.js')];
if (process.env.HALLWATCH_DEMO !== '0') args.push('--demo');
const server = spawn(process.execPath, args, { env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
