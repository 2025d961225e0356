//! What every builder control needs besides its own rule, handed down through
//! react-querybuilder's `context` prop: the catalog, the tag tree, the saved segments, and the
//! live count's verdict per builder node.
import type { ConditionCatalog, Segment, TagNode } from "../../../lib/ipc";

export interface BuilderContext {
  catalog: ConditionCatalog;
  tags: readonly TagNode[];
  /** Segments a rule may refer to (the one being edited left out). */
  segments: readonly Segment[];
  /** Builder node id → how many customers that node matches (from the last count). */
  counts: ReadonlyMap<string, number>;
  /** Builder node id → what is wrong with it (local problem or backend validation). */
  problems: ReadonlyMap<string, string>;
  /** Whether the counts belong to an older version of the tree (a count is under way). */
  stale: boolean;
}
