import 'reflect-metadata';
import { loadConfig } from './core/config/app-config';
import { createApp } from './app.factory';
import { prepare } from './core/startup/prepare';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  await prepare(config, { seedDemoWhenEmpty: process.argv.includes('--demo') });
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const url = `http://localhost:${config.PORT}`;
  console.log(`Hallwatch is serving on ${url} — wall: ${url}/wall · health: ${url}/health`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
