/**
 * The form accounts stores and compares email addresses in, shared with the router, which limits
 * logIn and signUp attempts per email (router/rate-limits): both must see "Ann@X.com " and
 * "ann@x.com" as one address, or an attacker could multiply the per-email budget by its spellings.
 */

/** Trimmed, NFKC-normalised, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
