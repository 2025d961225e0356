import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { segmentScreens } from "../../../test/segmentsIpc";
import { renderWithProviders } from "../../../test/render";
import { SegmentBuilder } from "./SegmentBuilder";

describe("the builder's field list", () => {
  it("a_new_rule_starts_on_a_real_field_and_the_list_has_no_dashes_placeholder", async () => {
    segmentScreens();
    const { user } = renderWithProviders(<SegmentBuilder segment={null} onSaved={() => undefined} />);
    await user.click(document.querySelector<HTMLElement>(`[data-testid="builder-add-rule"][data-rule-path='[]']`)!);
    const rule = await screen.findByTestId("rule");
    // The first field is chosen at once: its value editor is there, no "choose a field" step.
    expect(within(rule).getByTestId("rule-value-tags")).toBeInTheDocument();

    const field = within(rule).getByTestId("rule-field");
    await user.click(field.querySelector<HTMLElement>(".ant-select-content, .ant-select-selector") ?? field);
    const options = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('[data-testid="rule-field-option"]')];
      if (found.length === 0) throw new Error("the field list did not open");
      return found;
    });
    expect(options[0]!.dataset.value, "the list starts with a real field").toBe("tag");
    expect(options.map((o) => o.textContent)).not.toContain("------");
    expect(options.map((o) => o.dataset.value)).not.toContain("~");
  });
});
