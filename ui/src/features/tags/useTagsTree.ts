//! The tag tree with colours and counts, cached under the command's name.
import { useQuery } from "@tanstack/react-query";
import { tagsTree } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

export function useTagsTree() {
  return useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
}
