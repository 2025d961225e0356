//! The dry run for the spec being edited: debounced, so a burst of mapping changes reads the file once,
//! and keeping the last preview on screen while the next one loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { queryKeys } from "../../lib/queryKeys";
import { importPreview, type ImportSpec } from "./api";

export const PREVIEW_DEBOUNCE_MS = 250;

export function useImportPreview(spec: ImportSpec | null) {
  const debounced = useDebouncedValue(spec, PREVIEW_DEBOUNCE_MS);
  return useQuery({
    queryKey: queryKeys.importPreview(debounced),
    queryFn: () => importPreview(debounced as ImportSpec),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    // The file may change on disk between visits; always read it again.
    staleTime: 0,
    gcTime: 0,
  });
}
