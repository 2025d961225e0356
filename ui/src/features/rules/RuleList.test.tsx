import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "../../test/render";
import { RuleList } from "./RuleList";

const noop = () => {};

describe("RuleList", () => {
  it("says_there_are_no_rules_only_once_the_list_has_loaded", () => {
    const { unmount } = renderWithProviders(<RuleList rules={[]} nodes={[]} loading running={false} onEdit={noop} onRun={noop} />);
    expect(screen.queryByTestId("rules-empty")).toBeNull();
    expect(screen.getByTestId("table-loading")).toBeInTheDocument();

    unmount();
    renderWithProviders(<RuleList rules={[]} nodes={[]} loading={false} running={false} onEdit={noop} onRun={noop} />);
    expect(screen.getByTestId("rules-empty")).toBeInTheDocument();
  });
});
