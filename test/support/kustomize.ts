/**
 * Renders a kustomization the way `kubectl kustomize` does, for the features Mercato's use and
 * no others (kustomize itself is not installed here): `resources` (files, and directories holding
 * a kustomization), `namespace`, and `images` (newName, newTag). Any other field is an error, so
 * a kustomization cannot silently use a feature this renderer would get wrong.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './kubernetes';

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const understood = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images']);
/** Kinds without a namespace among those Mercato could use. */
const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

/** Every document of a YAML file, as plain objects (empty documents left out). */
export function readYamlDocuments<T = Manifest>(file: string): T[] {
  return parseAllDocuments(readFileSync(file, 'utf8'), { merge: true })
    .map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors[0]!.message}`);
      return document.toJSON() as T | null;
    })
    .filter((document): document is T => document !== null);
}

/** The manifests the kustomization in `dir` renders to. */
export function kustomize(dir: string): Manifest[] {
  const [kustomization] = readYamlDocuments<Kustomization>(path.join(dir, 'kustomization.yaml'));
  if (!kustomization) throw new Error(`${dir}: empty kustomization`);
  const unknown = Object.keys(kustomization).filter((key) => !understood.has(key));
  if (unknown.length)
    throw new Error(`${dir}: fields this renderer does not implement: ${unknown}`);
  let manifests = (kustomization.resources ?? []).flatMap((resource) => {
    const target = path.join(dir, resource);
    return statSync(target).isDirectory() ? kustomize(target) : readYamlDocuments(target);
  });
  if (kustomization.namespace) {
    const namespace = kustomization.namespace;
    manifests = manifests.map((manifest) =>
      clusterScoped.has(manifest.kind)
        ? manifest
        : { ...manifest, metadata: { ...manifest.metadata, namespace } },
    );
  }
  for (const image of kustomization.images ?? []) {
    for (const container of manifests.flatMap(containersOf)) {
      const [name, tag] = splitImage(container.image);
      if (name !== image.name) continue;
      const newTag = image.newTag ?? tag;
      container.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
    }
  }
  return manifests;
}

interface Container {
  name: string;
  image: string;
  [field: string]: unknown;
}

/** The containers (init containers included) of a workload's pod template. */
function containersOf(manifest: Manifest): Container[] {
  const spec = (manifest.spec as { template?: { spec?: Record<string, Container[] | undefined> } })
    ?.template?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

/** `registry:5000/name:tag` → [`registry:5000/name`, `tag`]. */
function splitImage(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  return colon === -1 ? [image, undefined] : [image.slice(0, colon), image.slice(colon + 1)];
}
