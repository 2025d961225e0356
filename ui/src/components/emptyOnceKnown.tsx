//! What a table shows when it has no rows: its "none" message only once the answer has come.
//! While loading, antd lays its spinner over the empty placeholder, and a "no rules yet" under
//! the spinner reads as an answer.
import type { ReactNode } from "react";

export function emptyOnceKnown(loading: boolean, empty: ReactNode): ReactNode {
  return loading ? <span data-testid="table-loading" /> : empty;
}
