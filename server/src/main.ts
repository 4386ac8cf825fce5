import 'reflect-metadata';
import type { Server } from 'node:http';
import { loadConfig } from './core/config/app-config';
import { createApp } from './app.factory';
import { boundStop } from './core/startup/bounded-stop';
import { prepare } from './core/startup/prepare';
import { describeDemoAccess } from './modules/demo/demo-access';
import { prepareDemo, prepareDemoHistory } from './modules/demo/demo-startup';

// A long-running hall monitor logs a stray rejection instead of dying from it.
process.on('unhandledRejection', (reason) => console.error('unhandled rejection:', reason instanceof Error ? reason.message : reason));

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig(process.env);
  const demo = await prepare(config, process.argv.includes('--demo') ? (ds) => prepareDemo(ds, config) : undefined);
  const app = await createApp(config);
  if (demo) {
    await app.init();
    await prepareDemoHistory(app, config);
  }
  await app.listen(config.PORT, config.HOST);
  boundStop(config.SHUTDOWN_GRACE_MS, app.getHttpServer() as Server);
  const url = `http://localhost:${config.PORT}`;
  // The demo's way in first: scripts/start.js starts the simulator on the "serving" line.
  if (demo) console.log(describeDemoAccess(demo, url));
  // How long a first start takes (migrations, demo hall, its history) is part of what a new user is told.
  const ready = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Hallwatch is serving on ${url} — wall: ${url}/wall · sign in: ${url}/login · health: ${url}/health (ready in ${ready} s)`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
