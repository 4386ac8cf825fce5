import { AppConfig } from '../../core/config/app-config';

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(config: AppConfig, args: string[]): Promise<number | void>;
}

/** Reads `--name value` options; positional arguments are returned under "_". */
export function parseArgs(args: string[]): Record<string, string> & { _: string } {
  const out: Record<string, string> = { _: '' };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (v !== undefined) out[k] = v;
      else if (i + 1 < args.length && !args[i + 1].startsWith('--')) out[k] = args[++i];
      else out[k] = 'true';
    } else positional.push(a);
  }
  out._ = positional.join(' ');
  return out as Record<string, string> & { _: string };
}
