import { z } from 'zod';
import type { TokenSettings } from './tokens';
import { tracingFrom, tracingSettings } from './tracing/settings';

/** Raised when configuration is invalid; lists every problem at once, not just the first. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads a process's configuration with `read`; when it is invalid, prints one line per problem
 * (no stack trace: the problems are the operator's to fix, not a bug) and exits with status 2.
 */
export function configurationOrExit<T>(processName: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${processName}: ${error.message}\n`);
    process.exit(2);
  }
}

/** Parses `source` (process.env by default) with a zod object schema. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined> = process.env,
): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
  );
}

const nodeEnv = z.enum(['development', 'production', 'test']).default('development');
const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');
/** A TCP port to listen on (0: any free port, as tests use). */
const portNumber = z.coerce.number().int().min(0).max(65535);
export const port = (fallback: number) => portNumber.default(fallback);
/** A count or a duration: a positive integer, `fallback` when unset. */
export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

/** The parsed values of a zod shape of settings (e.g. SubgraphDefinition.settings). */
export type SettingsOf<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

export const subgraphNames = ['accounts', 'catalog', 'inventory', 'orders', 'reviews'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

/** Default ports of the topology in DESIGN.md §1. */
export const defaultPorts: Record<SubgraphName | 'router', number> = {
  router: 4000,
  accounts: 4001,
  catalog: 4002,
  inventory: 4003,
  orders: 4004,
  reviews: 4005,
};

/** Database settings shared by every process that talks to PostgreSQL. */
export const dbSettings = {
  DB_POOL_MAX: positiveInt(10),
  DB_STATEMENT_TIMEOUT_MS: positiveInt(5_000),
  DB_CONNECT_TIMEOUT_S: positiveInt(5),
  DB_IDLE_TIMEOUT_S: positiveInt(30),
};

export const commonSettings = { NODE_ENV: nodeEnv, LOG_LEVEL: logLevel };

/**
 * Where replicas share state (lib/shared-state): Redis at REDIS_URL, or this process when unset
 * (one replica). REDIS_KEY_PREFIX goes before every key and channel, so several deployments may
 * share one Redis.
 */
export const sharedStateSettings = {
  REDIS_URL: z
    .string()
    .url()
    .refine((url) => /^rediss?:\/\//.test(url), 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default('mercato:'),
};

/** The management port is the public port plus this, unless MANAGEMENT_PORT says otherwise. */
export const MANAGEMENT_PORT_OFFSET = 100;

/**
 * Where a serving process (router or subgraph) listens, and how it stops (DESIGN.md §7): the
 * public port; the management port (/health, /ready, /metrics), by default the public one + 100
 * and 0 (any free port) when PORT is 0; and how long a drain may take before the connections
 * left are destroyed.
 */
export const serverSettings = (defaultPort: number) => ({
  PORT: port(defaultPort),
  HOST: z.string().default('0.0.0.0'),
  MANAGEMENT_PORT: portNumber.optional(),
  DRAIN_TIMEOUT_MS: positiveInt(10_000),
});

interface ServerEnv {
  PORT: number;
  HOST: string;
  MANAGEMENT_PORT?: number | undefined;
  DRAIN_TIMEOUT_MS: number;
}

export interface ServerSettings {
  port: number;
  host: string;
  managementPort: number;
  drainTimeoutMs: number;
}

/** The parsed `serverSettings`; a management port that cannot be is reported on `ctx`. */
export function serverSettingsFrom(env: ServerEnv, ctx: z.RefinementCtx): ServerSettings {
  const managementPort =
    env.MANAGEMENT_PORT ?? (env.PORT === 0 ? 0 : env.PORT + MANAGEMENT_PORT_OFFSET);
  if (managementPort > 65535) {
    ctx.addIssue({
      code: 'custom',
      path: ['MANAGEMENT_PORT'],
      message: `PORT + ${MANAGEMENT_PORT_OFFSET} is no port; set MANAGEMENT_PORT`,
    });
  } else if (managementPort !== 0 && managementPort === env.PORT) {
    ctx.addIssue({ code: 'custom', path: ['MANAGEMENT_PORT'], message: 'must differ from PORT' });
  }
  return {
    port: env.PORT,
    host: env.HOST,
    managementPort,
    drainTimeoutMs: env.DRAIN_TIMEOUT_MS,
  };
}

/**
 * Each subgraph's GraphQL URL, `<NAME>_URL` (e.g. CATALOG_URL), defaulting to the local port of
 * DESIGN.md §1. The router routes to them; a subgraph calls the peers its writes span.
 */
export const subgraphUrlSettings = Object.fromEntries(
  subgraphNames.map((name) => [
    `${name.toUpperCase()}_URL`,
    z.string().url().default(`http://127.0.0.1:${defaultPorts[name]}/graphql`),
  ]),
) as Record<`${Uppercase<SubgraphName>}_URL`, z.ZodDefault<z.ZodString>>;

/** The URLs of `subgraphUrlSettings`, by subgraph name. */
export function subgraphUrlsFrom(
  env: Record<`${Uppercase<SubgraphName>}_URL`, string>,
): Record<SubgraphName, string> {
  return Object.fromEntries(
    subgraphNames.map((name) => [
      name,
      env[`${name.toUpperCase() as Uppercase<SubgraphName>}_URL`],
    ]),
  ) as Record<SubgraphName, string>;
}

/** How to make a secret, quoted in every message about a weak one. */
const GENERATE_SECRET =
  'generate one with `openssl rand -base64 32` or ' +
  "`node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"`";

/**
 * A signing key. Length alone is no test (34 spaces are 34 characters): a key must also not be
 * only whitespace and must use at least 10 different characters, which every random key of 32
 * characters does (hex ones included) and a repeated word or a padded placeholder does not.
 */
const secret = z.string().superRefine((value, ctx) => {
  const problem =
    value.length < 32
      ? 'must be at least 32 characters of randomness'
      : value.trim() === '' || new Set(value).size < 10
        ? 'does not look random (only whitespace, or fewer than 10 different characters)'
        : null;
  if (problem) ctx.addIssue({ code: 'custom', message: `${problem}; ${GENERATE_SECRET}` });
});

/**
 * INTERNAL_SECRET signs the identity the router forwards to subgraphs (and their internal calls);
 * every process of one deployment shares it. JWT_* configure the access tokens accounts issues
 * and the router verifies. `npm start` generates development secrets under .data/secrets.
 */
export const internalSettings = { INTERNAL_SECRET: secret };
export const tokenSettings = {
  JWT_SECRET: secret,
  JWT_ISSUER: z.string().default('mercato'),
  JWT_AUDIENCE: z.string().default('mercato-api'),
  JWT_TTL_S: positiveInt(3_600),
};

export function tokenSettingsFrom(env: {
  JWT_SECRET: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_TTL_S: number;
}): TokenSettings {
  return {
    secret: env.JWT_SECRET,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    ttlSeconds: env.JWT_TTL_S,
  };
}

/** Parses with `schema`, adding any problems to `problems` (so several parts report together). */
function parseInto<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
  problems: string[],
): z.infer<T> | undefined {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  problems.push(
    ...result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
  );
  return undefined;
}

/**
 * A subgraph's database: `<NAME>_DATABASE_URL`, falling back to `DATABASE_URL`, so one
 * deployment can share a server and another give each subgraph its own; and the pool settings.
 */
function subgraphDatabase(name: SubgraphName, source: Record<string, string | undefined>) {
  const urlKey = `${name.toUpperCase()}_DATABASE_URL`;
  const optionalUrl = z.string().url().optional();
  return z.object({ ...dbSettings, DATABASE_URL: optionalUrl }).transform((env, ctx): DbOptions => {
    const own = optionalUrl.safeParse(source[urlKey]);
    if (!own.success) ctx.addIssue({ code: 'custom', path: [urlKey], message: 'must be a URL' });
    const databaseUrl = (own.success ? own.data : undefined) ?? env.DATABASE_URL;
    if (!databaseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: [urlKey],
        message: `set ${urlKey} or DATABASE_URL (npm start provides one for the embedded database)`,
      });
    }
    return dbOptionsFrom(env, databaseUrl ?? '', `mercato-${name}`);
  });
}

/** A subgraph's database options alone (migrations, seeding, tests). */
export function subgraphDbOptions(name: SubgraphName, source = process.env): DbOptions {
  return parseEnv(subgraphDatabase(name, source), source);
}

/**
 * A subgraph process's whole configuration; every problem is reported at once, the subgraph's
 * own `settings` (SubgraphDefinition.settings, e.g. orders' recovery timings) included.
 */
export function subgraphEnv<S extends z.ZodRawShape = Record<never, never>>(
  name: SubgraphName,
  source: Record<string, string | undefined> = process.env,
  // With no settings of its own, a subgraph's settings are the empty object.
  settings: S = {} as S,
) {
  const processSchema = z
    .object({
      ...commonSettings,
      ...serverSettings(defaultPorts[name]),
      ...internalSettings,
      ...tokenSettings,
      // Only accounts issues tokens; it alone must have the key (checked below).
      JWT_SECRET: secret.optional(),
      /** Operations worked on at once; default four per pooled connection. */
      MAX_CONCURRENT_OPERATIONS: z.coerce.number().int().positive().optional(),
      /** How long an operation may wait for a slot before a 503. */
      QUEUE_TIMEOUT_MS: positiveInt(1_000),
      /** Peers a write spans (orders → catalog, inventory; reviews → catalog). */
      ...subgraphUrlSettings,
      /** Deadline of one call to a peer subgraph. */
      PEER_TIMEOUT_MS: positiveInt(3_000),
      /** OpenTelemetry: on when an OTLP endpoint is set (lib/tracing/settings.ts). */
      ...tracingSettings,
    })
    .transform((env, ctx) => {
      if (name === 'accounts' && !env.JWT_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: 'accounts signs access tokens with it',
        });
      }
      return { ...env, server: serverSettingsFrom(env, ctx) };
    });
  const problems: string[] = [];
  const db = parseInto(subgraphDatabase(name, source), source, problems);
  const env = parseInto(processSchema, source, problems);
  const own = parseInto(z.object(settings), source, problems);
  if (!db || !env || !own) throw new ConfigError(problems);
  return {
    name,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    server: env.server,
    db,
    internalSecret: env.INTERNAL_SECRET,
    tokens: env.JWT_SECRET ? tokenSettingsFrom({ ...env, JWT_SECRET: env.JWT_SECRET }) : null,
    limits: {
      maxConcurrent: env.MAX_CONCURRENT_OPERATIONS ?? db.poolMax * 4,
      queueTimeoutMs: env.QUEUE_TIMEOUT_MS,
    },
    peers: subgraphUrlsFrom(env),
    peerTimeoutMs: env.PEER_TIMEOUT_MS,
    tracing: tracingFrom(env),
    settings: own,
  };
}

export interface DbOptions {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  connectTimeoutS: number;
  idleTimeoutS: number;
  applicationName: string;
}

export function dbOptionsFrom(
  env: {
    DB_POOL_MAX: number;
    DB_STATEMENT_TIMEOUT_MS: number;
    DB_CONNECT_TIMEOUT_S: number;
    DB_IDLE_TIMEOUT_S: number;
  },
  url: string,
  applicationName: string,
): DbOptions {
  return {
    url,
    poolMax: env.DB_POOL_MAX,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutS: env.DB_CONNECT_TIMEOUT_S,
    idleTimeoutS: env.DB_IDLE_TIMEOUT_S,
    applicationName,
  };
}

/** Database settings alone (for scripts: migrate, seed), parsed from the environment. */
export function dbSettingsEnv(source = process.env) {
  return parseEnv(z.object(dbSettings), source);
}

/** Every subgraph's database options, from one environment. */
export function allSubgraphDbOptions(source = process.env): Record<SubgraphName, DbOptions> {
  return {
    accounts: subgraphDbOptions('accounts', source),
    catalog: subgraphDbOptions('catalog', source),
    inventory: subgraphDbOptions('inventory', source),
    orders: subgraphDbOptions('orders', source),
    reviews: subgraphDbOptions('reviews', source),
  };
}
