/** A reference to an entity another subgraph owns: the router fills in its other fields. */
export interface EntityRef {
  id: string | number;
}

export function entityRef(id: number): EntityRef {
  return { id };
}
