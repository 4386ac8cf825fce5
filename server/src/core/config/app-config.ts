import { plainToInstance, Transform } from 'class-transformer';
import { parseNetworks } from './network-list';
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

  /**
   * After SIGTERM or SIGINT, how long requests under way may take to finish before their
   * connections are cut; the process exits regardless twice this long after the signal.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  @Max(120_000)
  SHUTDOWN_GRACE_MS = 8000;

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
   * Break-glass and automation credential: `Authorization: Bearer <ADMIN_TOKEN>` acts as an admin
   * of every site, recorded in the audit log as "admin-token". People sign in with accounts
   * instead; leave it empty unless a script or an emergency needs it. When set it must be long
   * enough not to be guessed.
   */
  @IsString()
  @ValidateIf((c: AppConfig) => c.ADMIN_TOKEN !== '')
  @MinLength(16, { message: 'ADMIN_TOKEN must be at least 16 characters, or empty to disable the admin API' })
  ADMIN_TOKEN = '';

  /**
   * Run the BullMQ workers (patrol rounds, notices, follow-ups, the rectification look-back) in
   * this process; false when they run as `hallwatch worker`.
   */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  RUN_WORKERS = true;

  /**
   * Days of past history `--demo` writes for the demo hall on a database without events (ending
   * yesterday, hall time); 0 writes none.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(366)
  DEMO_HISTORY_DAYS = 90;

  /**
   * Browser origins, besides the server's own, allowed to call the API with credentials and to
   * open the live socket: comma-separated, e.g. `https://wall.example.gov.cn`. Empty: same origin only.
   */
  @Matches(/^(https?:\/\/[^\s,/]+)?(,https?:\/\/[^\s,/]+)*$/, {
    message: 'CORS_ORIGINS must be comma-separated origins like https://host:port',
  })
  CORS_ORIGINS = '';

  /**
   * Express "trust proxy": empty trusts no proxy (the client address is the TCP peer); behind a
   * load balancer give its hops or addresses (e.g. `1` or `loopback`) so that per-address login
   * limits and the audit log see the real client and cookies know the request came over https.
   */
  @IsString()
  TRUST_PROXY = '';

  /**
   * Whether browsers reach Hallwatch over https. `true`: pages ask the browser to upgrade every
   * request to https, HSTS is sent and the session cookie is always `Secure`. `false`: a
   * plain-HTTP intranet (a wall TV at http://server:3000), none of the three. `auto` (default):
   * no upgrade; HSTS and `Secure` only on requests that did arrive over https, so a localhost
   * demo and an intranet work as they are. See docs/security.md.
   */
  @IsIn(['auto', 'true', 'false'], { message: 'HALLWATCH_HTTPS must be auto, true or false' })
  HALLWATCH_HTTPS: 'auto' | 'true' | 'false' = 'auto';

  /** Minutes without a request after which a session ends. */
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'SESSION_IDLE_MINUTES must be a whole number of minutes' })
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  /** Hours after sign-in at which a session ends whatever its use; longer than the idle limit. */
  @Transform(({ value }) => Number(value))
  @IsInt({ message: 'SESSION_ABSOLUTE_HOURS must be a whole number of hours' })
  @Min(1)
  @Max(7 * 24)
  SESSION_ABSOLUTE_HOURS = 12;

  /** Login attempts per minute from one address, whatever their outcome (429 beyond). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_RATE_PER_MINUTE = 20;

  /** Failed logins from one address within 15 minutes after which that address is refused (and stops counting against accounts). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_FAILURES = 10;

  /** Ingest requests per minute per device key; 0 turns the limit off. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  INGEST_RATE_PER_MINUTE = 6000;

  /**
   * Days after which a password must be changed (等保 periodic change); 0 (default) follows
   * ASVS and never forces a change by age. See docs/security.md.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  PASSWORD_MAX_AGE_DAYS = 0;

  /**
   * Where Hallwatch keeps files of its own: the retention job's event archives
   * (`archive/events/<site>/<month>-….ndjson.gz`). A backup copies it; see docs/operations.md.
   */
  @IsString()
  DATA_DIR = 'data';

  /** Days the audit log is kept before `audit-purge` may delete rows; never fewer than 180. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(180, { message: 'AUDIT_RETENTION_DAYS must be at least 180 (等保: logs kept six months)' })
  AUDIT_RETENTION_DAYS = 180;

  /** How often each server checks that its live sockets' sessions and display tokens still hold. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(200)
  LIVE_AUTH_SWEEP_MS = 2000;

  /**
   * Longest a rectification report may take to parse (in a worker thread) before the import is
   * refused with 422; the published report takes well under a second. See docs/security.md.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  REPORT_PARSE_TIMEOUT_MS = 10_000;

  /**
   * PostgreSQL's limit on one statement of the server's own sessions, in ms; 0 lifts it.
   * Migrations, projection rebuilds and table upkeep lift it for their own sessions.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 30_000;

  /** A transaction left idle this long is ended by PostgreSQL, releasing its locks; 0 turns it off. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /**
   * How long the server waits for PostgreSQL to answer a query before giving up on the
   * connection (a silent network closes nothing); 0 waits for ever. Kept above the statement
   * timeout so that a slow statement is cancelled by PostgreSQL first.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  DB_QUERY_TIMEOUT_MS = 35_000;

  /** How long opening a new connection to PostgreSQL may take. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DB_CONNECT_TIMEOUT_MS = 3000;

  /** TCP keepalive on the connections: the first probe after this much silence, so a dead peer is noticed. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  DB_KEEPALIVE_DELAY_MS = 10_000;

  /**
   * How often each server brings the sites its live clients watch up to the clock, though nothing
   * was said to have changed: waits and break overruns grow with time alone. It rebuilds them from
   * what it last read (no database); see LIVE_RECHECK_MS.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  LIVE_REFRESH_MS = 15_000;

  /**
   * How old a watched site's last reading may grow before the periodic refresh reads the site
   * afresh instead of rebuilding from it: what moves with time inside other features' sources and
   * a change whose notice was lost (Redis away) show within this long.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  LIVE_RECHECK_MS = 120_000;

  /**
   * How many live snapshot reads may hold database connections at once (of the pool's 20): the
   * others wait, those a change asked for first, so ingest keeps its connections when a thousand
   * walls connect or recheck together.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LIVE_READ_CONCURRENCY = 4;

  /** Messages a live socket client may send a second on average; past the allowance they are dropped. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LIVE_CLIENT_MESSAGES_PER_SECOND = 5;

  /** Messages a live socket client may send at once before the per-second rate applies. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LIVE_CLIENT_MESSAGE_BURST = 20;

  /** Dropped messages after which a client that does not pause (its allowance never refills) is disconnected. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LIVE_CLIENT_MESSAGE_DROPS = 100;

  /**
   * Bearer token that lets a Prometheus scraper read /metrics from any address; empty: only the
   * networks in METRICS_ALLOW may. When set it must be long enough not to be guessed.
   */
  @IsString()
  @ValidateIf((c: AppConfig) => c.METRICS_TOKEN !== '')
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters, or empty to rely on METRICS_ALLOW' })
  METRICS_TOKEN = '';

  /**
   * Networks that may read /metrics without the token: comma-separated CIDR blocks (the client
   * address as TRUST_PROXY makes it), or `none`. Default: this machine only.
   */
  @IsString()
  METRICS_ALLOW = '127.0.0.1/32,::1/128';

  /** Serve the OpenAPI document at /api/docs-json. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  API_DOCS = true;

  /**
   * Key sealing notification channels' URLs, signing secrets and SMTP passwords (AES-256-GCM):
   * 32 bytes as base64 or 64 hex digits, e.g. `openssl rand -base64 32`. Empty: the key in
   * NOTIFY_SECRET_KEY_FILE, made there on first use (for a developer machine or the demo).
   * Changing it makes the stored secrets unreadable: channels then ask for them again.
   */
  @ValidateIf((c: AppConfig) => c.NOTIFY_SECRET_KEY !== '')
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'NOTIFY_SECRET_KEY must be 32 bytes as base64 (44 characters) or 64 hex digits',
  })
  NOTIFY_SECRET_KEY = '';

  /** First retry delay of a failed notification send, in ms; each further retry waits twice as long (10 attempts in all). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  NOTIFY_RETRY_BASE_MS = 5000;

  /** Where the generated key is kept when NOTIFY_SECRET_KEY is empty (mode 0600); default ~/.hallwatch/notify-secret.key. */
  @IsString()
  NOTIFY_SECRET_KEY_FILE = '';

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
  const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
  if (!errors.length && config.SESSION_ABSOLUTE_HOURS * 60 <= config.SESSION_IDLE_MINUTES)
    lines.push('  - SESSION_ABSOLUTE_HOURS: must be longer than SESSION_IDLE_MINUTES');
  const networks = parseNetworks(config.METRICS_ALLOW);
  if ('error' in networks) lines.push(`  - METRICS_ALLOW: ${networks.error}, or none`);
  if (lines.length > 0) {
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
