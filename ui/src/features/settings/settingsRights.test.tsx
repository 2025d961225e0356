import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { eventKindsList, fieldsList, myRights, rfmSettings, segmentsCatalog } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { editorOf, offHub } from "../../test/rights";
import { RfmSettingsForm } from "../value/RfmSettingsForm";
import { CustomFieldsCard } from "./CustomFieldsCard";
import { EventKindsCard } from "./EventKindsCard";

const ADMIN_ONLY = "只有团队的管理员和所有者可以修改此项";
const fields = [{ id: 4, label: "会员卡号", kind: "text" as const, options: [], position: 0, archived: false }];
const kinds = [{ id: 1, name: "下单", description: "", properties: [], is_order: true, events: 3 }];
const rfm = { order_kind: "下单", window_days: 365, scoring: { type: "quantile" as const }, high_from: 3 };

describe("settings under the team hub's rights", () => {
  it("an_editor_finds_custom_fields_and_event_kinds_for_admins_only_and_reads_why", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部"));
    vi.mocked(fieldsList).mockResolvedValue(fields);
    vi.mocked(eventKindsList).mockResolvedValue(kinds);
    const { user } = renderWithProviders(
      <>
        <CustomFieldsCard />
        <EventKindsCard />
      </>,
    );
    await screen.findByTestId("field-row");
    await waitFor(() => expect(screen.getByTestId("field-add")).toBeDisabled());
    expect(screen.getByTestId("field-delete")).toBeDisabled();
    expect(screen.getByTestId("field-not-admin")).toHaveTextContent(ADMIN_ONLY);
    expect(screen.getByTestId("event-kind-add")).toBeDisabled();
    expect(await screen.findByTestId("event-kind-edit")).toBeDisabled();
    expect(screen.getByTestId("event-kind-not-admin")).toHaveTextContent(ADMIN_ONLY);
    await user.hover(screen.getByTestId("field-add").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(ADMIN_ONLY);
  });

  it("an_editor_sees_the_rfm_settings_but_cannot_change_them", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部"));
    vi.mocked(segmentsCatalog).mockResolvedValue({ fields: [], events: [{ kind: "下单", properties: [] }] });
    vi.mocked(rfmSettings).mockResolvedValue(rfm);
    renderWithProviders(<RfmSettingsForm settings={rfm} onSaved={vi.fn()} />);
    expect(await screen.findByTestId("rfm-not-admin")).toHaveTextContent(ADMIN_ONLY);
    expect(screen.getByTestId("rfm-window")).toBeDisabled();
    expect(screen.getByTestId("rfm-save")).toBeDisabled();
  });

  it("off_a_hub_custom_fields_can_be_added", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    vi.mocked(fieldsList).mockResolvedValue(fields);
    renderWithProviders(<CustomFieldsCard />);
    await screen.findByTestId("field-row");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    expect(screen.getByTestId("field-add")).toBeEnabled();
    expect(screen.getByTestId("field-delete")).toBeEnabled();
    expect(screen.queryByTestId("field-not-admin")).toBeNull();
  });
});
