/**
 * What a deployment file says about Mercato's processes, read the same way for compose.yaml and
 * the Kubernetes manifests: which subgraphs each subgraph calls (from the code), container
 * quantities, and URL targets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { subgraphNames, type SubgraphName } from '../../lib/env';
import { root } from '../../lib/paths';

/**
 * The peers each subgraph calls, read from its code (`peers.query('catalog', …)`,
 * `peers.post('inventory', …)`, lib/peers.ts): what its network policy and URLs must allow.
 */
export function peersCalledBy(name: SubgraphName): Set<SubgraphName> {
  const called = new Set<SubgraphName>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.ts')) {
        for (const [, peer] of readFileSync(file, 'utf8').matchAll(
          /peers\.(?:query|post)\(\s*'(\w+)'/g,
        )) {
          if (!(subgraphNames as readonly string[]).includes(peer!)) {
            throw new Error(`${file} calls an unknown peer ${peer}`);
          }
          called.add(peer as SubgraphName);
        }
      }
    }
  };
  visit(path.join(root, 'subgraphs', name));
  return called;
}

/** Kubernetes CPU (`250m`, `1`) in millicores and memory (`256Mi`, `1Gi`) in bytes. */
export function quantity(value: string | number): number {
  const text = String(value);
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(text);
  if (!match) throw new Error(`unsupported quantity ${text}`);
  const factor = { m: 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[match[2] ?? ''] ?? 1000;
  return Number(match[1]) * factor;
}
