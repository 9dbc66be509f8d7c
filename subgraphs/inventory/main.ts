import { runSubgraph } from '../../lib/main';
import { inventory } from './server';

await runSubgraph(inventory);
