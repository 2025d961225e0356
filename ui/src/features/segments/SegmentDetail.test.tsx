import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersGet, type Condition, type Segment } from "../../lib/ipc";
import { useFakeSegments } from "../../test/fakeSegmentsIpc";
import { renderWithProviders } from "../../test/render";
import { SegmentDetail } from "./SegmentDetail";

const shanghai: Condition = { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["上海"] }] };

/** A saved segment of the fake backend, so its members page comes from the fake's evaluator. */
function saved(fake: ReturnType<typeof useFakeSegments>["fake"]): Segment {
  return fake.get(fake.create({ name: "上海客户", kind: "dynamic", condition: shanghai, pinned: false }));
}

async function firstMember() {
  return (await screen.findAllByTestId("member-row"))[0]!;
}

describe("SegmentDetail", () => {
  it("clicking_a_member_row_opens_that_customers_profile", async () => {
    const { fake } = useFakeSegments();
    vi.mocked(customersGet).mockImplementation(() => new Promise(() => undefined));
    const { user } = renderWithProviders(<SegmentDetail segment={saved(fake)} onEdit={() => undefined} />);
    const row = await firstMember();
    const id = row.getAttribute("data-id");
    await user.click(within(row).getAllByRole("cell")[0]!);
    await waitFor(() => expect(customersGet).toHaveBeenCalledWith(Number(id)));
    expect(await screen.findByTestId("customer-profile")).toHaveAttribute("data-id", id);
  });

  it("why_unfolds_the_explanation_right_under_the_member_and_does_not_open_the_profile", async () => {
    const { fake } = useFakeSegments();
    const { user } = renderWithProviders(<SegmentDetail segment={saved(fake)} onEdit={() => undefined} />);
    const rows = await screen.findAllByTestId("member-row");
    const second = rows[1]!;
    await user.click(within(second).getByTestId("member-explain"));

    const panel = await screen.findByTestId("explain-panel");
    const unfolded = screen.getByTestId("member-explain-row");
    expect(unfolded).toHaveAttribute("data-id", second.getAttribute("data-id"));
    // The explanation is the row after the member's, not somewhere under the whole table.
    expect(second.nextElementSibling?.contains(panel), "the explanation sits directly under its member").toBe(true);
    expect(panel).toHaveAttribute("data-matched", "true");
    expect(customersGet).not.toHaveBeenCalled();

    await user.click(within(second).getByTestId("member-explain"));
    await waitFor(() => expect(screen.queryByTestId("explain-panel")).not.toBeVisible());
  });
});
