//! Lets a page send the user to another page (e.g. the empty customer list to Import/Export).
import { createContext, useContext } from "react";
import type { PageKey } from "./pages";

export const NavigationContext = createContext<(page: PageKey) => void>(() => undefined);

export function useNavigate(): (page: PageKey) => void {
  return useContext(NavigationContext);
}
