import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultPorts, MANAGEMENT_PORT_OFFSET, subgraphNames } from '../../lib/env';
import { root } from '../../lib/paths';
import { randomSecret } from '../../lib/secrets';
import {
  deployedProcesses,
  processRunning,
  variablesRead,
  type ProcessName,
} from '../support/deployed-processes';
import { peersCalledBy, quantity } from '../support/deployment';
import { schemaProblems, type Manifest } from '../support/kubernetes';
import { kustomize, readYamlDocuments } from '../support/kustomize';
import { useSupergraph } from '../support/supergraph';

/**
 * deploy/kubernetes, checked offline: the example overlay and its migration step are rendered as
 * kustomize does (test/support/kustomize.ts), every manifest is validated against its kind's
 * schema, and each workload against the code it runs — the variables its configuration schema
 * knows and requires, its ports, its probes (answered by the real servers) and who calls it.
 */
const kubernetes = path.join(root, 'deploy', 'kubernetes');
const apps = kustomize(path.join(kubernetes, 'overlays', 'example'));
const migration = kustomize(path.join(kubernetes, 'overlays', 'example', 'migration'));
const [exampleSecret] = readYamlDocuments(
  path.join(kubernetes, 'overlays', 'example', 'secret.example.yaml'),
);
const all = [...apps, ...migration];

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Probe {
  httpGet: { path: string; port: string };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: EnvVar[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  automountServiceAccountToken?: boolean;
  terminationGracePeriodSeconds?: number;
  volumes?: { name: string; emptyDir?: object }[];
}
type Workload = Manifest & {
  spec: {
    replicas?: number;
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
};

const byKind = <T = Manifest>(kind: string, from = all) =>
  from.filter((m) => m.kind === kind) as unknown as T[];
const workloads = [...byKind<Workload>('Deployment'), ...byKind<Workload>('Job')];
const deployments = byKind<Workload>('Deployment');
const container = (w: Workload) => w.spec.template.spec.containers[0]!;
const processOf = (w: Workload): ProcessName => {
  const name = processRunning(container(w).args ?? []);
  if (!name) throw new Error(`${w.metadata.name} runs ${container(w).args} (no process build)`);
  return name;
};
const deploymentOf = (name: ProcessName) => deployments.find((d) => processOf(d) === name)!;
const configMaps = byKind<Manifest & { data: Record<string, string> }>('ConfigMap');

/** Real secrets in place of the example's placeholders, which no process accepts. */
const secrets: Record<string, string> = {
  INTERNAL_SECRET: randomSecret(),
  JWT_SECRET: randomSecret(),
  DATABASE_URL: 'postgres://mercato:password@postgres.example.internal:5432/mercato',
  REDIS_URL: 'redis://:password@redis.example.internal:6379',
};

/** A container's environment as the kubelet would give it (`secretValues` for secretKeyRefs). */
function environment(c: Container, secretValues: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    (c.env ?? []).map((variable) => {
      const from = variable.valueFrom;
      if (from?.configMapKeyRef) {
        const { name, key } = from.configMapKeyRef;
        const value = configMaps.find((m) => m.metadata.name === name)?.data[key];
        if (value === undefined)
          throw new Error(`${variable.name}: no ConfigMap ${name} key ${key}`);
        return [variable.name, value];
      }
      if (from?.secretKeyRef) {
        const { name, key } = from.secretKeyRef;
        if (name !== exampleSecret!.metadata.name)
          throw new Error(`${variable.name}: no Secret ${name}`);
        return [variable.name, String(secretValues[key])];
      }
      if (variable.value === undefined) throw new Error(`${variable.name}: neither value nor ref`);
      return [variable.name, variable.value];
    }),
  );
}

/** A workload's configuration as its process parses it at start. */
const configOf = (w: Workload) =>
  deployedProcesses[processOf(w)].parse(environment(container(w), secrets)) as {
    server?: { port: number; managementPort: number; drainTimeoutMs: number };
  };

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('render, and every manifest is valid for its kind with no unknown field', () => {
    expect(apps.length).toBeGreaterThan(20);
    expect(migration.map((m) => m.kind)).toEqual(['Job']);
    expect([...all, exampleSecret!].flatMap(schemaProblems)).toEqual([]);
    // Workloads of every process: the router, each subgraph, the migrator, each running its
    // build with the image's node (no command of its own).
    for (const w of workloads) expect(container(w).command, w.metadata.name).toBeUndefined();
    expect(workloads.map(processOf).sort()).toEqual(['router', ...subgraphNames, 'migrate'].sort());
  });

  it('the overlay and its migration step deploy into one namespace from one image', () => {
    const namespaces = new Set(all.map((m) => m.metadata.namespace));
    expect(namespaces).toEqual(new Set(['mercato']));
    expect(exampleSecret!.metadata.namespace).toBe('mercato');
    const images = new Set(workloads.map((w) => container(w).image));
    expect(images).toEqual(new Set(['registry.example.com/mercato:0.1.0']));
  });

  it('sets only variables its process reads, every required one, each valid', () => {
    for (const w of workloads) {
      const name = processOf(w);
      const known = variablesRead(name);
      const names = (container(w).env ?? []).map((v) => v.name);
      expect(
        names.filter((n) => !known.has(n)),
        name,
      ).toEqual([]);
      expect(new Set(names).size, `${name}: a variable set twice`).toBe(names.length);
      // Parsing throws ConfigError, listing every problem, when a required one is missing.
      expect(() => configOf(w), name).not.toThrow();
    }
  });

  it('takes secrets by reference, and the example secret is refused as it is', () => {
    const exampleValues = exampleSecret!.stringData as Record<string, string>;
    expect(Object.keys(exampleValues).sort()).toEqual(Object.keys(secrets).sort());
    for (const w of workloads) {
      for (const variable of container(w).env ?? []) {
        if (/SECRET|DATABASE_URL/.test(variable.name)) {
          expect(
            variable.valueFrom?.secretKeyRef,
            `${variable.name} of ${w.metadata.name}`,
          ).toBeDefined();
        }
      }
      // The placeholders fail the secret check: the example cannot be deployed by mistake.
      const withExample = () =>
        deployedProcesses[processOf(w)].parse(environment(container(w), exampleValues));
      if (container(w).env?.some((v) => v.name === 'INTERNAL_SECRET')) {
        expect(withExample, w.metadata.name).toThrow(ConfigError);
        expect(withExample, w.metadata.name).toThrow(/INTERNAL_SECRET/);
      }
    }
  });

  it('listens on the ports the containers and Services declare (4000–4005, management +100)', () => {
    for (const d of deployments) {
      const name = processOf(d) as Exclude<ProcessName, 'migrate'>;
      const { server } = configOf(d);
      const ports = Object.fromEntries(container(d).ports!.map((p) => [p.name, p.containerPort]));
      expect(ports, name).toEqual({ http: server!.port, management: server!.managementPort });
      expect(server!.port).toBe(defaultPorts[name]);
      expect(server!.managementPort).toBe(defaultPorts[name] + MANAGEMENT_PORT_OFFSET);

      const service = byKind<Manifest & { spec: ServiceSpec }>('Service').find(
        (s) => s.metadata.name === name,
      )!;
      expect(service.spec.selector).toEqual(d.spec.template.metadata.labels);
      expect(service.spec.ports).toEqual([
        { name: 'http', port: server!.port, targetPort: 'http' },
        { name: 'management', port: server!.managementPort, targetPort: 'management' },
      ]);
    }
  });

  it('points every subgraph URL at that subgraph’s Service, and each caller has its peers’', () => {
    const services = byKind<Manifest & { spec: ServiceSpec }>('Service');
    for (const w of workloads) {
      const env = environment(container(w), secrets);
      for (const [key, value] of Object.entries(env)) {
        const subgraph = /^([A-Z]+)_URL$/.exec(key)?.[1]?.toLowerCase();
        if (!subgraph || !(subgraphNames as readonly string[]).includes(subgraph)) continue;
        const url = new URL(value);
        const service = services.find((s) => s.metadata.name === url.hostname);
        expect(service && processOf(deploymentOf(subgraph as ProcessName)), key).toBe(subgraph);
        expect(Number(url.port), key).toBe(defaultPorts[subgraph as ProcessName & 'router']);
      }
      const name = processOf(w);
      const needs =
        name === 'router'
          ? subgraphNames
          : (subgraphNames as readonly string[]).includes(name)
            ? [...peersCalledBy(name as (typeof subgraphNames)[number])]
            : [];
      for (const peer of needs) expect(env, name).toHaveProperty(`${peer.toUpperCase()}_URL`);
    }
  });

  describe('probes', () => {
    const supergraph = useSupergraph();

    it('ready on /ready, alive on /health, on the management port, answered by the real servers', async () => {
      const running = { router: supergraph.stack.router, ...supergraph.stack.subgraphs };
      for (const d of deployments) {
        const name = processOf(d) as keyof typeof running;
        const c = container(d);
        expect(c.readinessProbe?.httpGet, name).toEqual({ path: '/ready', port: 'management' });
        expect(c.livenessProbe?.httpGet, name).toEqual({ path: '/health', port: 'management' });
        expect(c.startupProbe?.httpGet, name).toEqual({ path: '/health', port: 'management' });
        for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
          const response = await fetch(`${running[name].managementUrl}${probe!.httpGet.path}`);
          expect(response.status, `${name} ${probe!.httpGet.path}`).toBe(200);
        }
        // The URLs the ConfigMap gives are the servers' GraphQL path.
        if (name !== 'router') {
          const configured = new URL(configMaps[0]!.data[`${name.toUpperCase()}_URL`]!);
          expect(configured.pathname).toBe(new URL(running[name].url).pathname);
        }
      }
    });
  });

  it('stops within the grace period: preStop pause + drain < terminationGracePeriodSeconds', () => {
    for (const d of deployments) {
      const spec = d.spec.template.spec;
      const pause = container(d).lifecycle?.preStop?.exec?.command;
      expect(pause?.[0]).toBe('sleep');
      const drainMs = configOf(d).server!.drainTimeoutMs;
      expect(Number(pause![1]) * 1000 + drainMs, d.metadata.name).toBeLessThan(
        spec.terminationGracePeriodSeconds! * 1000,
      );
    }
  });

  it('runs non-root, read-only, without privileges, capabilities or an API token', () => {
    for (const w of workloads) {
      const spec = w.spec.template.spec;
      const id = w.metadata.name;
      expect(spec.securityContext, id).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.securityContext?.runAsUser, id).toBeGreaterThan(0);
      expect(spec.automountServiceAccountToken, id).toBe(false);
      for (const c of spec.containers) {
        expect(c.securityContext, id).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        // The only writable place: a size-limited /tmp.
        const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir, id).toHaveProperty(
          'sizeLimit',
        );
      }
    }
  });

  it('requests and limits CPU and memory, requests within limits', () => {
    for (const w of workloads) {
      const { requests, limits } = container(w).resources ?? {};
      for (const resource of ['cpu', 'memory']) {
        const id = `${w.metadata.name} ${resource}`;
        expect(requests?.[resource], id).toBeDefined();
        expect(limits?.[resource], id).toBeDefined();
        expect(quantity(requests![resource]!), id).toBeLessThanOrEqual(
          quantity(limits![resource]!),
        );
      }
    }
  });

  it('scales each Deployment by an autoscaler, and a disruption budget leaves room to evict', () => {
    const hpas = byKind<Manifest & { spec: HpaSpec }>('HorizontalPodAutoscaler');
    const pdbs = byKind<Manifest & { spec: PdbSpec }>('PodDisruptionBudget');
    for (const d of deployments) {
      const id = d.metadata.name;
      // The autoscaler owns the count: a replicas field would reset it on every apply.
      expect(d.spec.replicas, id).toBeUndefined();
      const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === id);
      expect(hpa?.spec.scaleTargetRef, id).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: id,
      });
      expect(hpa!.spec.minReplicas, id).toBeGreaterThanOrEqual(2);
      expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
      const pdb = pdbs.find((p) => matches(p.spec.selector.matchLabels, d));
      expect(pdb, id).toBeDefined();
      expect(pdb!.spec.minAvailable, id).toBeLessThan(hpa!.spec.minReplicas);
    }
    expect(hpas).toHaveLength(deployments.length);
    expect(pdbs).toHaveLength(deployments.length);
  });

  it('lets a subgraph be reached only by the router and the peers whose code calls it', () => {
    const policies = byKind<Manifest & { spec: PolicySpec }>('NetworkPolicy');
    // Everything of Mercato denies ingress unless a policy of its own allows it: the Job's pod too.
    const deny = policies.filter((p) => p.spec.ingress === undefined);
    expect(deny).toHaveLength(1);
    expect(deny[0]!.spec.policyTypes).toEqual(['Ingress']);
    for (const w of workloads) expect(matches(deny[0]!.spec.podSelector.matchLabels, w)).toBe(true);

    const callersOf = (name: string) =>
      new Set([
        'router',
        ...subgraphNames.filter((caller) => peersCalledBy(caller).has(name as never)),
      ]);
    for (const d of deployments) {
      const name = processOf(d);
      const own = policies.filter(
        (p) => p.spec.ingress && matches(p.spec.podSelector.matchLabels, d),
      );
      expect(own, name).toHaveLength(1);
      const rules = own[0]!.spec.ingress!;
      const publicRule = rules.find((r) => r.ports.some((p) => p.port === 'http'))!;
      const managementRule = rules.find((r) => r.ports.some((p) => p.port === 'management'))!;
      expect(rules, name).toHaveLength(2);
      if (name === 'router') {
        expect(publicRule.from, name).toBeUndefined(); // clients, from anywhere
      } else {
        const allowed = publicRule.from!.map((peer) => {
          const labels = peer.podSelector!.matchLabels;
          return processOf(deployments.find((other) => matches(labels, other))!);
        });
        expect(new Set(allowed), name).toEqual(callersOf(name));
      }
      expect(managementRule.from, name).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      ]);
    }
    // What the code says today (lib/peers.ts callers), so a change shows here too.
    expect(callersOf('catalog')).toEqual(new Set(['router', 'orders', 'reviews']));
    expect(callersOf('inventory')).toEqual(new Set(['router', 'orders']));
    expect(callersOf('accounts')).toEqual(new Set(['router']));
  });

  it('migrates with a Job that runs once and gives up rather than looping', () => {
    const [job] = byKind<Workload & { spec: { backoffLimit: number } }>('Job');
    expect(processOf(job!)).toBe('migrate');
    expect((job!.spec.template.spec as { restartPolicy?: string }).restartPolicy).toBe('Never');
    expect(job!.spec.backoffLimit).toBeGreaterThan(0);
  });
});

/** Whether `labels` (a selector) select `workload`'s pods. */
function matches(labels: Record<string, string>, workload: Workload): boolean {
  const pod = workload.spec.template.metadata.labels;
  return Object.entries(labels).every(([key, value]) => pod[key] === value);
}

interface ServiceSpec {
  selector: Record<string, string>;
  ports: { name: string; port: number; targetPort: string }[];
}
interface HpaSpec {
  scaleTargetRef: { apiVersion: string; kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
}
interface PdbSpec {
  minAvailable: number;
  selector: { matchLabels: Record<string, string> };
}
interface PolicySpec {
  podSelector: { matchLabels: Record<string, string> };
  policyTypes: string[];
  ingress?: {
    from?: { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: object }[];
    ports: { port: string }[];
  }[];
}
