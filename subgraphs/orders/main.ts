import { runSubgraph } from '../../lib/main';
import { orders } from './server';

await runSubgraph(orders);
