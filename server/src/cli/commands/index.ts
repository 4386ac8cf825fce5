import { CliCommand } from './command';
import { migrate, migrationGenerate, seedDemoCommand } from './database.commands';
import { deviceKey } from './device-key.commands';
import { rebuildProjectionsCommand } from './rebuild-projections.command';
import { REGISTRY_COMMANDS } from './registry.commands';
import { simulate } from './simulate.command';

export const COMMANDS: CliCommand[] = [migrate, migrationGenerate, seedDemoCommand, deviceKey, ...REGISTRY_COMMANDS];
COMMANDS.push(simulate);
COMMANDS.push(rebuildProjectionsCommand);
