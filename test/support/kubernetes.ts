/**
 * Kubernetes manifests checked offline: each against its kind's OpenAPI schema (the compiled
 * validators of `kubernetes-models`), and for fields the schema does not know, which the API
 * server refuses under kubectl's strict field validation but the validators let through (a
 * mistyped `securityContext` would otherwise pass silently).
 */
import type { Model } from '@kubernetes-models/base';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** The kinds Mercato's manifests use; any other kind is a problem until added here. */
const models: Record<string, new (data: object) => Model<unknown>> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

/** Every problem with `manifest`: schema violations and fields its kind does not have. */
export function schemaProblems(manifest: Manifest): string[] {
  const id = `${manifest.kind}/${manifest.metadata.name}`;
  const Kind = models[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Kind) return [`${id}: no schema for ${manifest.apiVersion} ${manifest.kind}`];
  const problems: string[] = [];
  try {
    new Kind(manifest).validate();
  } catch (error) {
    problems.push(`${id}: ${(error as Error).message}`);
  }
  // The validators read every property their schema defines (and every key of a map); whatever
  // they never read is a field the kind does not have.
  const read = new Map<object, Set<PropertyKey>>();
  const watch = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const keys = read.get(value) ?? new Set<PropertyKey>();
    read.set(value, keys);
    return new Proxy(value, {
      get(target, key, receiver) {
        keys.add(key);
        return watch(Reflect.get(target, key, receiver));
      },
    });
  };
  try {
    Kind.prototype.validate.call(watch(structuredClone(manifest)));
  } catch {
    // Reported above.
  }
  for (const [object, keys] of read) {
    if (Array.isArray(object)) continue;
    for (const key of Object.keys(object)) {
      if (!keys.has(key)) problems.push(`${id}: unknown field "${key}"`);
    }
  }
  return problems;
}
