import { CliCommand } from './command';
import { migrate, migrationGenerate, seedDemoCommand } from './database.commands';
import { deviceKey } from './device-key.commands';

export const COMMANDS: CliCommand[] = [migrate, migrationGenerate, seedDemoCommand, deviceKey];
