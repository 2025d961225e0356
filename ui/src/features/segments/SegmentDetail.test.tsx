import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersGet, segmentsExplain, segmentsMembers, type Condition } from "../../lib/ipc";
import { customer, page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { segment, segmentScreens } from "../../test/segmentsIpc";
import { SegmentDetail } from "./SegmentDetail";

const shanghai: Condition = { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["上海"] }] };
const saved = segment(7, "上海客户", shanghai);

/** The backend's members of segment 7: two customers of 上海. */
function members() {
  segmentScreens({ segments: [saved] });
  vi.mocked(segmentsMembers).mockResolvedValue(page([customer(3, { city: "上海" }), customer(4, { city: "上海" })]));
}

describe("SegmentDetail", () => {
  it("asks_for_the_segments_first_page_of_members_and_clicking_a_row_opens_that_customers_profile", async () => {
    members();
    vi.mocked(customersGet).mockImplementation(() => new Promise(() => undefined));
    const { user } = renderWithProviders(<SegmentDetail segment={saved} onEdit={() => undefined} />);
    const rows = await screen.findAllByTestId("member-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["3", "4"]);
    expect(segmentsMembers).toHaveBeenCalledWith({ source: { type: "segment", segment_id: 7 }, sort: null, offset: 0, limit: 50 });
    await user.click(within(rows[1]!).getAllByRole("cell")[0]!);
    await waitFor(() => expect(customersGet).toHaveBeenCalledWith(4));
    expect(await screen.findByTestId("customer-profile")).toHaveAttribute("data-id", "4");
  });

  it("why_unfolds_the_explanation_right_under_the_member_and_does_not_open_the_profile", async () => {
    members();
    vi.mocked(segmentsExplain).mockResolvedValue({ matched: true, actual: null, children: [{ matched: true, actual: "上海", children: [] }] });
    const { user } = renderWithProviders(<SegmentDetail segment={saved} onEdit={() => undefined} />);
    const rows = await screen.findAllByTestId("member-row");
    const second = rows[1]!;
    await user.click(within(second).getByTestId("member-explain"));

    const panel = await screen.findByTestId("explain-panel");
    expect(segmentsExplain, "the explanation is asked for the segment's tree and this member").toHaveBeenCalledWith(shanghai, 4);
    const unfolded = screen.getByTestId("member-explain-row");
    expect(unfolded).toHaveAttribute("data-id", "4");
    // The explanation is the row after the member's, not somewhere under the whole table.
    expect(second.nextElementSibling?.contains(panel), "the explanation sits directly under its member").toBe(true);
    expect(panel).toHaveAttribute("data-matched", "true");
    expect(within(panel).getAllByTestId("explain-node")[1]).toHaveTextContent("实际：上海");
    expect(customersGet).not.toHaveBeenCalled();

    await user.click(within(second).getByTestId("member-explain"));
    await waitFor(() => expect(screen.queryByTestId("explain-panel")).not.toBeVisible());
  });
});
