/**
 * Mercato's processes as a deployment runs them (Dockerfile, compose.yaml, deploy/kubernetes):
 * which build file each runs, and its real configuration schema, to check a manifest's
 * environment against.
 */
import type { z } from 'zod';
import {
  ConfigError,
  subgraphDbOptions,
  subgraphEnv,
  subgraphNames,
  type SubgraphName,
} from '../../lib/env';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { routerEnv } from '../../router/env';
import { accounts } from '../../subgraphs/accounts/server';
import { catalog } from '../../subgraphs/catalog/server';
import { inventory } from '../../subgraphs/inventory/server';
import { orders } from '../../subgraphs/orders/server';
import { reviews } from '../../subgraphs/reviews/server';

export type ProcessName = 'router' | SubgraphName | 'migrate';
type Env = Record<string, string | undefined>;

// The definitions' table and loader types differ; only their names and settings are used here.
const definitions = { accounts, catalog, inventory, orders, reviews } as unknown as Record<
  SubgraphName,
  SubgraphDefinition<Record<string, unknown>, unknown, z.ZodRawShape>
>;

interface DeployedProcess {
  /** The file of `npm run build` it runs (`node <entry>`). */
  entry: string;
  /** Its configuration, parsed from `env` exactly as the process does at start (throws ConfigError). */
  parse(env: Env): unknown;
}

export const deployedProcesses: Record<ProcessName, DeployedProcess> = {
  router: {
    entry: 'dist/router/main.js',
    parse: (env) => routerEnv(env),
  },
  ...(Object.fromEntries(
    subgraphNames.map((name) => [
      name,
      {
        entry: `dist/subgraphs/${name}/main.js`,
        parse: (env: Env) => subgraphEnv(name, env, definitions[name].settings),
      },
    ]),
  ) as Record<SubgraphName, DeployedProcess>),
  // ops/migrate.ts reads each subgraph's database options (here every one's problems at once).
  migrate: {
    entry: 'dist/migrate.js',
    parse: (env) => {
      const problems: string[] = [];
      const options = subgraphNames.map((name) => {
        try {
          return subgraphDbOptions(name, env);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          problems.push(...error.problems);
          return null;
        }
      });
      if (problems.length) throw new ConfigError(problems);
      return options;
    },
  },
};

/** The process a command runs (`node <entry>`, the image's entrypoint being node), if any. */
export function processRunning(args: readonly string[]): ProcessName | undefined {
  const entry = args[0] === 'node' ? args[1] : args[0];
  return (Object.keys(deployedProcesses) as ProcessName[]).find(
    (name) => deployedProcesses[name].entry === entry,
  );
}

/**
 * Every variable `name` reads: the keys its schema looks up, recorded while it parses an empty
 * environment (each part of a schema reads all its keys, whatever fails).
 */
export function variablesRead(name: ProcessName): Set<string> {
  const read = new Set<string>();
  const recorder = new Proxy({} as Env, {
    get(_target, key) {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  try {
    deployedProcesses[name].parse(recorder);
  } catch {
    // An empty environment lacks the required settings: only the keys read matter here.
  }
  return read;
}
