import { ApolloGateway } from '@apollo/gateway';
import { createHash } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../lib/log';
import { committedSupergraph } from '../lib/supergraph';
import { loadPersistedQueries, manifestPath } from '../router/persisted/manifest';
import { planPersistedOperations } from '../router/persisted/plans';

/**
 * Every persisted operation's plan is in the gateway's plan cache once the router has started,
 * under both keys the gateway looks a plan up by (with the request's operation name, without).
 */
const logger = createLogger('test', 'silent');
const gateway = new ApolloGateway({ supergraphSdl: committedSupergraph(), logger });

afterAll(async () => {
  await gateway.stop();
});

it('plans every persisted operation into the gateway’s cache at start', async () => {
  await gateway.load();
  const registry = loadPersistedQueries(manifestPath);
  const store = (gateway as unknown as { queryPlanStore: { get(key: string): Promise<unknown> } })
    .queryPlanStore;
  const operation = [...registry.byId.values()][0]!;
  expect(await store.get(operation.id)).toBeUndefined();

  expect(await planPersistedOperations(gateway, registry, logger)).toBe(registry.byId.size);
  for (const { id, name } of registry.byId.values()) {
    const named = createHash('sha256').update(id).update(name).digest('hex');
    expect(await store.get(named), name).toMatchObject({ kind: 'QueryPlan' });
    expect(await store.get(id), name).toMatchObject({ kind: 'QueryPlan' });
  }
});
