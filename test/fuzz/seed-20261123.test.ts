import { fuzzTheRouter } from '../support/fuzz';

/** The first half of the router's fuzz run (test/support/fuzz.ts). */
fuzzTheRouter(5_000, 20261123);
