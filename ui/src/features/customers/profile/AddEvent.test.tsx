import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersGet, eventKindsList, eventsAdd, eventsDelete, tagsTree, type CustomerProfile as Profile } from "../../../lib/ipc";
import { renderWithProviders } from "../../../test/render";
import { CustomerProfile } from "./CustomerProfile";

const profile: Profile = {
  customer: {
    id: 1,
    created_at: 1_735_862_400,
    updated_at: 1_735_862_400,
    deleted_at: null,
    name: "王小明",
    phone: "13800001111",
    email: null,
    company: null,
    job_title: null,
    industry: null,
    province: null,
    city: null,
    source: null,
    customer_type: null,
    level: null,
    gender: null,
    birthday: null,
    notes: null,
    external_id: null,
    custom: [],
  },
  tag_groups: [],
  history: [],
  events: [{ id: 31, kind: "登录", occurred_at: 1_735_862_400, amount: null, properties: "{}" }],
  event_count: 1,
};

function renderProfile() {
  vi.mocked(customersGet).mockResolvedValue(profile);
  vi.mocked(tagsTree).mockResolvedValue({ nodes: [], total_customers: 1 });
  vi.mocked(eventKindsList).mockResolvedValue([
    { id: 3, name: "下单", description: "", properties: ["product"], is_order: true, events: 0 },
    { id: 4, name: "登录", description: "", properties: [], is_order: false, events: 1 },
  ]);
  return renderWithProviders(<CustomerProfile id={1} onClose={vi.fn()} onChipClick={vi.fn()} onResult={vi.fn()} />);
}

describe("AddEvent", () => {
  it("adding_an_event_sends_the_kind_local_time_amount_and_declared_property_then_reloads_the_profile", async () => {
    vi.mocked(eventsAdd).mockResolvedValue(99);
    const { user } = renderProfile();
    await user.click(await screen.findByTestId("tab-events"));
    await user.click(await screen.findByTestId("event-add"));
    const product = await screen.findByTestId("event-property-product");
    fireEvent.change(screen.getByTestId("event-date"), { target: { value: "2025-01-03" } });
    fireEvent.change(screen.getByTestId("event-time"), { target: { value: "10:30" } });
    await user.type(screen.getByTestId("event-amount"), "199");
    await user.type(product, "企业版");
    const calls = vi.mocked(customersGet).mock.calls.length;
    await user.click(screen.getByTestId("event-save"));
    await waitFor(() => expect(eventsAdd).toHaveBeenCalled());
    expect(vi.mocked(eventsAdd).mock.calls[0]![0]).toEqual({
      customer_id: 1,
      kind: "下单",
      occurred_at: new Date(2025, 0, 3, 10, 30).getTime() / 1000,
      amount: 199,
      properties: { product: "企业版" },
    });
    // The rules may have given tags: the profile is fetched again.
    await waitFor(() => expect(vi.mocked(customersGet).mock.calls.length).toBeGreaterThan(calls));
  });

  it("a_rejected_amount_is_shown_on_the_amount_field", async () => {
    vi.mocked(eventsAdd).mockRejectedValue({ code: "invalid", problem: { code: "amount_invalid" }, message: "amount: the amount is a number ≥ 0", path: null, field: "amount" });
    const { user } = renderProfile();
    await user.click(await screen.findByTestId("tab-events"));
    await user.click(await screen.findByTestId("event-add"));
    await screen.findByTestId("event-property-product");
    await user.click(screen.getByTestId("event-save"));
    expect(await screen.findByText("金额必须是大于等于 0 的数字")).toBeInTheDocument();
  });

  it("deleting_an_event_from_the_timeline_asks_first", async () => {
    vi.mocked(eventsDelete).mockResolvedValue(null);
    const { user } = renderProfile();
    await user.click(await screen.findByTestId("tab-events"));
    const entry = await screen.findByTestId("event-entry");
    await user.click(within(entry).getByTestId("event-delete"));
    expect(eventsDelete).not.toHaveBeenCalled();
    await user.click(await screen.findByTestId("event-delete-confirm"));
    await waitFor(() => expect(eventsDelete).toHaveBeenCalled());
    expect(vi.mocked(eventsDelete).mock.calls[0]![0]).toBe(31);
  });
});
