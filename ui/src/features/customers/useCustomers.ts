//! One page of customers from the backend; the previous page stays on screen while the next loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { customersList, type CustomerQuery } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

export function useCustomers(query: CustomerQuery) {
  return useQuery({
    queryKey: queryKeys.customersList(query),
    queryFn: () => customersList(query),
    placeholderData: keepPreviousData,
  });
}
