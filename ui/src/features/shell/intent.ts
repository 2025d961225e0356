//! Where the user asked to go, beyond a page: a customer's profile, a tag in the tree, a segment,
//! a rule, or an action to start (from the command palette). The shell turns one into the page it
//! belongs to, which starts from it.
import { createContext, useContext } from "react";
import type { PageKey } from "./pages";

export type PaletteAction = "newCustomer" | "import" | "export" | "runRules" | "exchange";

export type Intent =
  | { kind: "page"; page: PageKey }
  | { kind: "customer"; id: number }
  | { kind: "tag"; id: number }
  | { kind: "segment"; id: number }
  | { kind: "rule"; id: number }
  | { kind: "action"; action: PaletteAction };

/** The page an intent is shown on. */
export function pageOf(intent: Intent): PageKey {
  switch (intent.kind) {
    case "page":
      return intent.page;
    case "customer":
      return "customers";
    case "tag":
      return "tags";
    case "segment":
      return "segments";
    case "rule":
      return "rules";
    case "action":
      switch (intent.action) {
        case "import":
          return "io";
        case "runRules":
          return "rules";
        case "exchange":
          return "team";
        default:
          return "customers";
      }
  }
}

export const IntentContext = createContext<(intent: Intent) => void>(() => undefined);

/** Sends the user where an intent points. */
export function useGo(): (intent: Intent) => void {
  return useContext(IntentContext);
}
