//! A tag's colour and name by id from the cached tag tree, so value charts, reasons and the
//! customer list's filter chip match the tag as the user sees it in the tree.
import { useTagsTree } from "../tags/useTagsTree";

export const FALLBACK_COLOR = "#8c8c8c";

export function useTagColors(): (tagId: number) => string {
  const tree = useTagsTree();
  const byId = new Map((tree.data?.nodes ?? []).map((n) => [n.id, n.effective_color]));
  return (tagId) => byId.get(tagId) ?? FALLBACK_COLOR;
}

/** The tag's stored name by id; undefined until the tree has loaded. */
export function useTagNames(): (tagId: number) => string | undefined {
  const tree = useTagsTree();
  const byId = new Map((tree.data?.nodes ?? []).map((n) => [n.id, n.name]));
  return (tagId) => byId.get(tagId);
}
