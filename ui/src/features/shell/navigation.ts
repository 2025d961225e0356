//! Lets a page send the user to another page (e.g. the empty customer list to Import/Export),
//! or to the customer list already filtered by a tag (e.g. an RFM class on the Value page).
import { createContext, useContext } from "react";
import type { PageKey } from "./pages";

export const NavigationContext = createContext<(page: PageKey) => void>(() => undefined);

export function useNavigate(): (page: PageKey) => void {
  return useContext(NavigationContext);
}

export interface TagFilter {
  id: number;
  name: string;
  color?: string;
}

export const OpenCustomersContext = createContext<(tag: TagFilter) => void>(() => undefined);

/** Opens the customers page filtered by `tag`. */
export function useOpenCustomers(): (tag: TagFilter) => void {
  return useContext(OpenCustomersContext);
}
