import { runSubgraph } from '../../lib/main';
import { reviews } from './server';

await runSubgraph(reviews);
