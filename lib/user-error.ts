/**
 * An expected failure of a mutation (DESIGN.md §2): returned in the payload's `errors`, never
 * thrown. `Code` narrows the codes a subgraph may use.
 */
export interface UserError<Code extends string = string> {
  code: Code;
  message: string;
  /** The input field it concerns; null when it concerns the input as a whole. */
  field: string | null;
}
