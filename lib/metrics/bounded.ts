/**
 * Label values from outside the code (operation names a client chose, error codes a peer sent)
 * kept to a bounded set: Prometheus stores one series per distinct label value, so an unbounded
 * label lets any client grow the server's memory and the scraper's storage without limit.
 */
export const OTHER = '(other)';
export const ANONYMOUS = '(anonymous)';

/**
 * The first `cap` distinct values pass as themselves (or, with `allowed`, only those listed);
 * every other value is `(other)`, and a missing one `(anonymous)`.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly cap: number,
    private readonly allowed?: ReadonlySet<string>,
  ) {}

  value(raw: string | null | undefined): string {
    if (!raw) return ANONYMOUS;
    if (this.allowed) return this.allowed.has(raw) ? raw : OTHER;
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.cap) return OTHER;
    this.seen.add(raw);
    return raw;
  }
}
