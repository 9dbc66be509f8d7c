/**
 * Query plans for every persisted operation, built when the router starts rather than on each
 * operation's first request: a partner's first call, or the first after a deploy, then costs
 * what every later one does. Plans land in the gateway's own plan cache, under the key it looks
 * them up by (the query's sha256 — the manifest id — with the operation name, or without one).
 *
 * The cache and planner are the gateway's private members (@apollo/gateway 2.x); if a future
 * version moves them, the router logs it and plans on first request, as before.
 */
import type { ApolloGateway } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import type { Logger } from '../../lib/log';
import type { PersistedQueryRegistry } from './manifest';

interface GatewayInternals {
  apiSchema?: Parameters<typeof operationFromDocument>[0];
  queryPlanner?: { buildQueryPlan(operation: ReturnType<typeof operationFromDocument>): unknown };
  queryPlanStore?: { set(key: string, plan: unknown): Promise<void> };
}

/** Builds and caches the plans; returns how many operations got one. */
export async function planPersistedOperations(
  gateway: ApolloGateway,
  registry: PersistedQueryRegistry,
  logger: Logger,
): Promise<number> {
  const internals = gateway as unknown as GatewayInternals;
  const { apiSchema, queryPlanner, queryPlanStore } = internals;
  if (!apiSchema || !queryPlanner?.buildQueryPlan || !queryPlanStore?.set) {
    logger.warn('the gateway keeps its plans elsewhere; persisted operations plan on first use');
    return 0;
  }
  let planned = 0;
  for (const operation of registry.byId.values()) {
    if (operation.type === 'subscription') continue;
    const plan = queryPlanner.buildQueryPlan(
      operationFromDocument(apiSchema, parse(operation.body), { operationName: operation.name }),
    );
    const named = createHash('sha256').update(operation.id).update(operation.name).digest('hex');
    await queryPlanStore.set(named, plan);
    await queryPlanStore.set(operation.id, plan);
    planned++;
  }
  return planned;
}
