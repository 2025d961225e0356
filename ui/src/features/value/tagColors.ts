//! A tag's colour by id from the cached tag tree, so value charts and reasons match the chips.
import { useTagsTree } from "../tags/useTagsTree";

export const FALLBACK_COLOR = "#8c8c8c";

export function useTagColors(): (tagId: number) => string {
  const tree = useTagsTree();
  const byId = new Map((tree.data?.nodes ?? []).map((n) => [n.id, n.effective_color]));
  return (tagId) => byId.get(tagId) ?? FALLBACK_COLOR;
}
