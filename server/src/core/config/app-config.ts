import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

// The only place Hallwatch reads the environment; everything else receives an AppConfig.
export class AppConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hallwatch';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key Hallwatch writes (queues, socket adapter), so runs can share one Redis. */
  @Matches(/^[a-z0-9:_-]{1,40}$/, { message: 'REDIS_PREFIX must be 1–40 of a-z 0-9 : _ -' })
  REDIS_PREFIX = 'hallwatch';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The hall's time zone: service days, round times and deadlines are in it. */
  @IsString()
  HALL_TIMEZONE = 'Asia/Shanghai';

  /** Built dashboard to serve on the same port; empty to serve only the API. */
  @IsString()
  @IsOptional()
  DASHBOARD_DIR = '';

  /** Maximum size of one ingest request body. */
  @Matches(/^\d+(kb|mb)$/, { message: 'BODY_LIMIT must look like 512kb or 2mb' })
  BODY_LIMIT = '2mb';

  /** Secret for encrypting citizens' phone numbers; set your own outside a developer machine. */
  @IsString()
  PHONE_SECRET = 'hallwatch-dev-only-phone-secret';

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  RUN_MIGRATIONS = true;

  /**
   * Bearer token for the admin API until user accounts exist (the Accounts work replaces it).
   * Empty disables the admin API; when set it must be long enough not to be guessed.
   */
  @IsString()
  @ValidateIf((c: AppConfig) => c.ADMIN_TOKEN !== '')
  @MinLength(16, { message: 'ADMIN_TOKEN must be at least 16 characters, or empty to disable the admin API' })
  ADMIN_TOKEN = '';

  /** Tests only: freeze the clock at this ISO instant so state can be compared across restarts. */
  @ValidateIf((c: AppConfig) => c.FIXED_CLOCK !== '')
  @Matches(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/, { message: 'FIXED_CLOCK must be an ISO-8601 instant with an offset' })
  FIXED_CLOCK = '';
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const known = Object.keys(new AppConfig());
  const picked = Object.fromEntries(Object.entries(defined).filter(([k]) => known.includes(k)));
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
