import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { teamInbox, teamPackApply, teamPackMake, teamStatus, type ExchangeReport, type TeamStatus } from "../../lib/ipc";
import { pickSavePath, pickSyncPack } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import { TeamPage } from "./TeamPage";

function inTeam(): TeamStatus {
  return {
    device: { id: "dev-a", name: "前台电脑", person: "李娜" },
    team: { id: "t1", name: "销售部", folder: "/mnt/nas/TagDesk-销售部-t1", last_exchange_at: null },
    devices: [],
    inbox_open: 0,
    pending: 0,
  };
}

function received(over: Partial<ExchangeReport> = {}): ExchangeReport {
  return { sent: 0, applied: 12, already: 3, pending: 0, inbox: 0, skipped: [], from: [{ device: "王芳的笔记本", person: "王芳", operations: 12 }], ...over };
}

async function page() {
  vi.mocked(teamStatus).mockResolvedValue(inTeam());
  vi.mocked(teamInbox).mockResolvedValue([]);
  const rendered = renderWithProviders(<TeamPage />);
  await screen.findByTestId("team-pack-card");
  return rendered;
}

describe("PackCard", () => {
  it("making_a_pack_asks_where_to_save_under_the_team_and_laptop_name_and_says_what_it_holds", async () => {
    vi.mocked(pickSavePath).mockResolvedValue("/home/li/销售部.tdpack");
    vi.mocked(teamPackMake).mockResolvedValue({ own: 3, others: 40, devices: 2 });
    const { user } = await page();
    await user.click(screen.getByTestId("team-pack-make"));
    expect(vi.mocked(pickSavePath).mock.calls[0]![0]).toMatch(/^销售部-前台电脑-\d{4}-\d{2}-\d{2}\.tdpack$/);
    expect(vi.mocked(pickSavePath).mock.calls[0]![2]).toEqual(["tdpack"]);
    await waitFor(() => expect(teamPackMake).toHaveBeenCalledWith("/home/li/销售部.tdpack"));
    const made = await screen.findByTestId("team-pack-made");
    expect(made).toHaveTextContent("你的改动 3 项，转交其他 2 台电脑的改动 40 项");
    expect(made).toHaveTextContent("/home/li/销售部.tdpack");
  });

  it("cancelling_either_dialog_does_nothing", async () => {
    vi.mocked(pickSavePath).mockResolvedValue(null);
    vi.mocked(pickSyncPack).mockResolvedValue(null);
    const { user } = await page();
    await user.click(screen.getByTestId("team-pack-make"));
    await user.click(screen.getByTestId("team-pack-apply"));
    expect(teamPackMake).not.toHaveBeenCalled();
    expect(teamPackApply).not.toHaveBeenCalled();
  });

  it("applying_a_pack_shows_what_came_from_whom_and_renews_the_team_status", async () => {
    vi.mocked(pickSyncPack).mockResolvedValue("/home/li/下载/王芳.tdpack");
    vi.mocked(teamPackApply).mockResolvedValue(received({ inbox: 1 }));
    const { user } = await page();
    await user.click(screen.getByTestId("team-pack-apply"));
    await waitFor(() => expect(teamPackApply).toHaveBeenCalledWith("/home/li/下载/王芳.tdpack"));
    const result = await screen.findByTestId("team-pack-result");
    expect(result).toHaveTextContent("从同步包收到 12 项改动");
    expect(within(result).getByTestId("team-received-from")).toHaveTextContent("王芳（王芳的笔记本）：12 项");
    expect(result).toHaveTextContent("1 个冲突进入收件箱");
    await waitFor(() => expect(teamStatus).toHaveBeenCalledTimes(2));
  });

  it("a_pack_applied_again_says_nothing_is_new_in_english", async () => {
    await i18n.changeLanguage("en");
    vi.mocked(pickSyncPack).mockResolvedValue("/tmp/a.tdpack");
    vi.mocked(teamPackApply).mockResolvedValue(received({ applied: 0, already: 15, from: [] }));
    const { user } = await page();
    await user.click(screen.getByTestId("team-pack-apply"));
    expect(await screen.findByTestId("team-pack-result")).toHaveTextContent("Nothing new: this laptop already had all 15 changes of the pack");
    expect(screen.getByTestId("team-pack-apply")).toHaveTextContent("Apply a sync pack");
    expect(screen.getByTestId("team-pack-make")).toHaveTextContent("Make a sync pack");
  });

  it("a_refused_pack_names_the_file_and_why", async () => {
    vi.mocked(pickSyncPack).mockResolvedValue("/tmp/客服部.tdpack");
    vi.mocked(teamPackApply).mockRejectedValue({
      code: "invalid",
      problem: { code: "exchange_file_foreign", file: "/tmp/客服部.tdpack" },
      message: "",
      path: null,
      field: "file",
    });
    const { user } = await page();
    await user.click(screen.getByTestId("team-pack-apply"));
    const error = await screen.findByTestId("team-pack-error");
    expect(error).toHaveTextContent("同步包未导入，本机没有任何改动");
    expect(error).toHaveTextContent("客服部.tdpack 属于另一个团队。");
    expect(screen.queryByTestId("team-pack-result")).toBeNull();
  });

  it("a_pack_cut_short_asks_for_it_again_rather_than_promising_a_retry", async () => {
    await i18n.changeLanguage("en");
    vi.mocked(pickSyncPack).mockResolvedValue("/tmp/a.tdpack");
    vi.mocked(teamPackApply).mockRejectedValue({
      code: "invalid",
      problem: { code: "exchange_file_truncated", file: "/tmp/a.tdpack" },
      message: "",
      path: null,
      field: "file",
    });
    const { user } = await page();
    await user.click(screen.getByTestId("team-pack-apply"));
    const error = await screen.findByTestId("team-pack-error");
    expect(error).toHaveTextContent("a.tdpack is incomplete (cut short while copying or downloading): ask for it again.");
    expect(error).not.toHaveTextContent("next exchange");
  });
});
