import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../test/render";
import { ErrorAlert } from "./ErrorAlert";

describe("ErrorAlert", () => {
  it("shows a database problem in the user's words, never the engine's", () => {
    renderWithProviders(
      <ErrorAlert
        error={{ code: "database", problem: { code: "internal" }, message: "UNIQUE constraint failed: index_dirty.customer_id", path: null, field: null }}
      />,
    );
    expect(screen.getByText("数据库出错，这次的改动没有保存")).toBeInTheDocument();
    expect(screen.queryByText(/UNIQUE|index_dirty/)).toBeNull();
  });

  it("words the problem the user can act on in the UI's language", () => {
    renderWithProviders(
      <ErrorAlert
        error={{ code: "spreadsheet", problem: { code: "sheet_empty", sheet: "会员" }, message: "sheet “会员” has no data", path: "/tmp/a.xlsx", field: null }}
      />,
    );
    expect(screen.getByText("工作表“会员”没有数据")).toBeInTheDocument();
    expect(screen.queryByText(/has no data/)).toBeNull();
    expect(screen.getByText("/tmp/a.xlsx")).toBeInTheDocument();
  });
});
