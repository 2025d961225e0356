import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { eventKindsCreate, eventKindsDelete, eventKindsList } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { EventKindsCard } from "./EventKindsCard";

const kinds = [
  { id: 1, name: "下单", description: "一笔订单", properties: ["product"], is_order: true, events: 12 },
  { id: 2, name: "试用", description: "", properties: [], is_order: false, events: 0 },
];

describe("EventKindsCard", () => {
  it("lists_the_kinds_with_their_properties_and_marks_orders", async () => {
    vi.mocked(eventKindsList).mockResolvedValue(kinds);
    renderWithProviders(<EventKindsCard />);
    const rows = await screen.findAllByTestId("event-kind-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("下单");
    expect(rows[0]).toHaveTextContent("订单");
    expect(rows[0]).toHaveTextContent("product");
    expect(rows[0]).toHaveTextContent("12");
  });

  it("a_new_kind_is_saved_with_one_property_per_line", async () => {
    vi.mocked(eventKindsList).mockResolvedValue(kinds);
    vi.mocked(eventKindsCreate).mockResolvedValue(3);
    const { user } = renderWithProviders(<EventKindsCard />);
    await user.click(await screen.findByTestId("event-kind-add"));
    await user.type(await screen.findByTestId("event-kind-name"), "参加活动");
    await user.type(screen.getByTestId("event-kind-properties"), "活动名称{Enter}城市");
    await user.click(screen.getByTestId("event-kind-save"));
    await waitFor(() => expect(eventKindsCreate).toHaveBeenCalled());
    expect(vi.mocked(eventKindsCreate).mock.calls[0]![0]).toEqual({
      name: "参加活动",
      description: "",
      properties: ["活动名称", "城市"],
      is_order: false,
    });
  });

  it("deleting_a_kind_in_use_asks_for_confirmation_then_forces", async () => {
    vi.mocked(eventKindsList).mockResolvedValue(kinds);
    vi.mocked(eventKindsDelete).mockImplementation(async (_id, force) => {
      if (!force) throw { code: "in_use", problem: { code: "event_kind_in_use", name: "下单", events: 3, references: 0 }, message: "in use", path: null, field: "kind" };
      return 12;
    });
    const { user } = renderWithProviders(<EventKindsCard />);
    const [first] = await screen.findAllByTestId("event-kind-delete");
    await user.click(first!);
    await user.click(await screen.findByTestId("event-kind-confirm-delete"));
    await waitFor(() => expect(eventKindsDelete).toHaveBeenLastCalledWith(1, true));
  });
});
