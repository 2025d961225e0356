import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { teamInbox, teamStatus, type DeviceSeen, type TeamStatus } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { TeamPage } from "./TeamPage";

const now = Math.floor(Date.now() / 1000);

function device(over: Partial<DeviceSeen>): DeviceSeen {
  return { id: "dev-b", name: "王芳的笔记本", person: "王芳", received: 3, last_received_at: now - 60, clock_ahead: null, clock_ahead_seen_at: null, ...over };
}

function withDevices(devices: DeviceSeen[]): TeamStatus {
  return {
    device: { id: "dev-a", name: "前台电脑", person: "李娜" },
    team: { id: "t1", name: "销售部", folder: "/mnt/nas/TagDesk-销售部-t1", last_exchange_at: now - 60 },
    devices,
    inbox_open: 0,
    pending: 0,
  };
}

async function shown(devices: DeviceSeen[]) {
  vi.mocked(teamStatus).mockResolvedValue(withDevices(devices));
  vi.mocked(teamInbox).mockResolvedValue([]);
  renderWithProviders(<TeamPage />);
  await screen.findByTestId("team-pack-card");
}

describe("ClockWarnings", () => {
  it("a_laptop_whose_clock_is_hours_ahead_is_named_with_how_far", async () => {
    await shown([device({ clock_ahead: 2 * 3600 + 400, clock_ahead_seen_at: now }), device({ id: "dev-c", name: "仓库电脑", person: "赵强" })]);
    const warnings = screen.getAllByTestId("team-clock-ahead");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toHaveTextContent("王芳的笔记本的时钟快了约 2 小时");
    expect(warnings[0]).toHaveTextContent("改动已照常应用");
  });

  it("minutes_and_days_read_in_english", async () => {
    await i18n.changeLanguage("en");
    await shown([device({ clock_ahead: 20 * 60, clock_ahead_seen_at: now }), device({ id: "dev-c", name: "仓库电脑", clock_ahead: 3 * 86400, clock_ahead_seen_at: now })]);
    const warnings = screen.getAllByTestId("team-clock-ahead");
    expect(warnings[0]).toHaveTextContent("王芳的笔记本's clock is about 20 minutes ahead of this laptop's");
    expect(warnings[1]).toHaveTextContent("仓库电脑's clock is about 3 days ahead");
  });

  it("no_laptop_ahead_shows_no_warning", async () => {
    await shown([device({})]);
    expect(screen.queryByTestId("team-clock-ahead")).toBeNull();
  });
});
