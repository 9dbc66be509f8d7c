import { runSubgraph } from '../../lib/main';
import { catalog } from './server';

await runSubgraph(catalog);
