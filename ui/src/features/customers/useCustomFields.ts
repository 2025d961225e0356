//! The custom fields in use (not archived), shared by the customer form, the column chooser and the list.
import { useQuery } from "@tanstack/react-query";
import { fieldsList } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { activeFields } from "./customFields";

export function useActiveFields() {
  const query = useQuery({ queryKey: queryKeys.fieldsList, queryFn: fieldsList });
  return activeFields(query.data);
}
