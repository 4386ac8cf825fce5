import 'reflect-metadata';
import { loadConfig } from '../core/config/app-config';
import { COMMANDS } from './commands';

// `npm run hallwatch -- <command> [args]`: the management CLI.
async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.log('Usage: npm run hallwatch -- <command> [options]\n\nCommands:');
    for (const c of COMMANDS) console.log(`  ${c.usage.padEnd(48)} ${c.summary}`);
    return name && name !== 'help' ? 2 : 0;
  }
  const config = loadConfig(process.env);
  return (await command.run(config, args)) ?? 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`Error: ${err.message}`);
    process.exit(1);
  },
);
