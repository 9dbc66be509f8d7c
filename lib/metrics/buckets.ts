/** Duration buckets in seconds, from a 1 ms statement or fetch to a 10 s request: one set for every histogram, so panels and alerts compare like with like. */
export const durationBuckets = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
