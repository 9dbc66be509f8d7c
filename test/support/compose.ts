/**
 * compose.yaml as Docker Compose reads it: YAML merge keys, and `${VAR}`, `${VAR:-default}`,
 * `${VAR:?message}` interpolation from a given environment (`$$` is a literal `$`).
 */
import path from 'node:path';
import { root } from '../../lib/paths';
import { readYamlDocuments } from './kustomize';

export interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  stop_grace_period?: string;
  [field: string]: unknown;
}

export interface Compose {
  services: Record<string, ComposeService>;
}

export const composeFile = path.join(root, 'compose.yaml');

/** compose.yaml with `variables` interpolated; throws as Compose does on a `:?` variable unset. */
export function readCompose(variables: Record<string, string | undefined>): Compose {
  const [document] = readYamlDocuments<Compose>(composeFile);
  const compose = interpolate(document, variables) as Compose;
  // Environment values are strings to the process, whatever YAML made of them.
  for (const service of Object.values(compose.services)) {
    if (service.environment) {
      service.environment = Object.fromEntries(
        Object.entries(service.environment).map(([key, value]) => [key, String(value)]),
      );
    }
  }
  return compose;
}

function interpolate(value: unknown, variables: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\$|\$\{(\w+)(?::([-?])([^}]*))?\}/g,
      (match, name?: string, operator?: string, argument?: string) => {
        if (match === '$$') return '$';
        const set = variables[name!];
        if (set) return set;
        if (operator === '?') throw new Error(`compose.yaml: ${name}: ${argument}`);
        return operator === '-' ? argument! : '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, variables));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item, variables)]),
    );
  }
  return value;
}

/** Compose's durations as used here (`20s`, `1m`), in milliseconds. */
export function durationMs(text: string): number {
  const match = /^(\d+)(ms|s|m)$/.exec(text);
  if (!match) throw new Error(`unsupported duration ${text}`);
  return Number(match[1]) * { ms: 1, s: 1_000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}
