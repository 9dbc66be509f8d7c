import type { SubgraphContext } from '../../lib/context';
import type { CatalogDb } from './db/products';
import type { CatalogLoaders } from './loaders';

export type CatalogContext = SubgraphContext<CatalogDb, CatalogLoaders>;
