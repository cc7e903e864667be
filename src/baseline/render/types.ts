/** Renderers' shared result type. */
export interface Rendered {
  /** Statements for the object's own step. */
  sql: string[];
  /** Extra step keys the object's step must follow (structural edges the catalog may not list). */
  after?: string[];
  /** Auxiliary steps (FK constraints, OWNED BY, index attachment). */
  extra?: { key: string; rank: number; after: string[]; sql: string[] }[];
}
