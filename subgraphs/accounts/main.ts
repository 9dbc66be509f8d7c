import { runSubgraph } from '../../lib/main';
import { accounts } from './server';

await runSubgraph(accounts);
