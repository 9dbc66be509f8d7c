import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type DefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { committedSupergraph } from '../lib/supergraph';
import { composeSupergraph } from '../scripts/composition';
import { root } from '../lib/paths';
import { subgraphNames } from '../lib/env';

describe('the supergraph', () => {
  const composition = composeSupergraph();

  it('composes without errors or unaccepted hints', () => {
    expect(composition.errors).toEqual([]);
    expect(composition.unacceptedHints).toEqual([]);
  });

  it('is committed as composed (run `npm run compose` when this fails)', () => {
    expect(committedSupergraph()).toBe(composition.supergraphSdl);
  });

  it.each(subgraphNames)('%s documents every type, field, argument and enum value', (name) => {
    const sdl = readFileSync(path.join(root, 'subgraphs', name, 'schema.graphql'), 'utf8');
    const missing: string[] = [];
    const check = (node: { description?: { value: string } | undefined }, where: string) => {
      if (!node.description?.value.trim()) missing.push(where);
    };
    for (const def of parse(sdl).definitions as DefinitionNode[]) {
      if (def.kind === Kind.SCHEMA_EXTENSION || def.kind === Kind.SCHEMA_DEFINITION) continue;
      if (!('name' in def) || !def.name) continue;
      const typeName = def.name.value;
      // Query is documented field by field; the type itself needs no paragraph.
      if (typeName !== 'Query' && 'description' in def) check(def, typeName);
      if ('fields' in def && def.fields) {
        for (const field of def.fields) {
          check(field, `${typeName}.${field.name.value}`);
          for (const arg of 'arguments' in field ? (field.arguments ?? []) : []) {
            check(arg, `${typeName}.${field.name.value}(${arg.name.value})`);
          }
        }
      }
      if ('values' in def && def.values)
        for (const value of def.values) check(value, `${typeName}.${value.name.value}`);
    }
    expect(missing).toEqual([]);
  });
});
