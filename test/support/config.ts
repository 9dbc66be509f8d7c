import { ConfigError } from '../../lib/env';

/** The configuration problems `read` reports (none when it parses); any other error is thrown. */
export function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
