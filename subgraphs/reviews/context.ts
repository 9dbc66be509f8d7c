import type { SubgraphContext } from '../../lib/context';
import type { ReviewsDb } from './db/reviews';
import type { ReviewsLoaders } from './loaders';

export type ReviewsContext = SubgraphContext<ReviewsDb, ReviewsLoaders>;
