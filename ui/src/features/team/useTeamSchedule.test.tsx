import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { hubStatus, hubWait, teamExchange, teamExchangeAuto, teamInbox, teamStatus, type AutoExchange, type HubStatus, type TeamStatus } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { renderWithProviders } from "../../test/render";
import { HUB_KEY } from "./useTeam";
import { TeamPage } from "./TeamPage";
import { HUB_SEND_DELAY_MS, TEAM_FOCUS_GAP_MS, TEAM_SCHEDULE_MS, TEAM_START_DELAY_MS, useTeamSchedule } from "./useTeamSchedule";

function Schedule() {
  useTeamSchedule();
  return null;
}

function exchanged(applied: number): AutoExchange {
  return { state: "exchanged", report: { sent: 0, applied, already: 0, pending: 0, inbox: 0, skipped: [], from: [] } };
}

const status: TeamStatus = {
  device: { id: "dev-a", name: "前台电脑", person: "李娜" },
  team: { id: "t1", name: "销售部", folder: "/media/u/TagDesk-销售部-t1", last_exchange_at: null },
  devices: [],
  inbox_open: 0,
  pending: 0,
};

/** The Team page of a team on a folder, with the schedule running beside it as in the shell. */
function scheduledTeamPage() {
  vi.mocked(teamStatus).mockResolvedValue(status);
  vi.mocked(teamInbox).mockResolvedValue([]);
  return renderWithProviders(
    <>
      <Schedule />
      <TeamPage />
    </>,
  );
}

/** Lets the timers run by `ms` and the query's promise settle. */
async function pass(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe("useTeamSchedule", () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it("on_a_hub_a_colleagues_change_heard_while_waiting_exchanges_at_once", async () => {
    const hub: HubStatus = {
      host: "192.168.1.20",
      port: 5432,
      database: "tagdesk",
      login: "lina",
      role: "editor",
      sees_contacts: true,
      last_exchange_at: null,
      regained_groups: 0,
    };
    vi.mocked(teamExchangeAuto).mockResolvedValue(exchanged(0));
    vi.mocked(hubStatus).mockResolvedValue(hub);
    // The first wait ends without news, the second hears a push, the third stays open.
    vi.mocked(hubWait).mockResolvedValueOnce(false).mockResolvedValueOnce(true).mockReturnValue(new Promise(() => {}));
    renderWithProviders(<Schedule />);
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(1));
    await pass(1500);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(2));
    expect(hubWait).toHaveBeenCalledTimes(3);
  });

  it("on_a_hub_a_change_made_here_is_sent_at_once_and_off_a_hub_it_waits_for_the_schedule", async () => {
    const hub: HubStatus = { host: "h", port: 5432, database: "d", login: "lina", role: "editor", sees_contacts: true, last_exchange_at: null, regained_groups: 0 };
    vi.mocked(teamExchangeAuto).mockResolvedValue(exchanged(0));
    vi.mocked(hubStatus).mockResolvedValue(hub);
    vi.mocked(hubWait).mockReturnValue(new Promise(() => {}));
    const { client } = renderWithProviders(<Schedule />);
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(1));
    const change = () => client.getMutationCache().build(client, { mutationFn: async () => 1 }).execute(undefined);
    // A burst of three changes is sent once, shortly after the last.
    await act(async () => {
      await change();
      await change();
      await change();
    });
    expect(teamExchangeAuto).toHaveBeenCalledTimes(1);
    await pass(HUB_SEND_DELAY_MS + 50);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(2));
    // Off a hub (a folder team), a change waits for the schedule.
    vi.mocked(hubStatus).mockResolvedValue(null);
    await act(async () => {
      await change();
    });
    await pass(HUB_SEND_DELAY_MS + 50);
    expect(teamExchangeAuto).toHaveBeenCalledTimes(2);
  });

  it("exchanges_a_few_seconds_after_start_and_again_every_few_minutes", async () => {
    vi.mocked(teamExchangeAuto).mockResolvedValue(exchanged(0));
    renderWithProviders(<Schedule />);
    await pass(TEAM_START_DELAY_MS - 500);
    expect(teamExchangeAuto).not.toHaveBeenCalled();
    await pass(600);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(1));
    await pass(TEAM_SCHEDULE_MS);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(2));
  });

  it("what_came_in_refreshes_customers_tags_and_the_inbox_and_nothing_new_only_the_status", async () => {
    vi.mocked(teamExchangeAuto).mockResolvedValueOnce(exchanged(0)).mockResolvedValue(exchanged(3));
    const { client } = renderWithProviders(<Schedule />);
    const invalidate = vi.spyOn(client, "invalidateQueries");
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(1));
    const keys = () => invalidate.mock.calls.map((c) => JSON.stringify(c[0]?.queryKey));
    await waitFor(() => expect(keys()).toContain(JSON.stringify(queryKeys.teamStatus)));
    expect(keys()).not.toContain(JSON.stringify(queryKeys.customersListAll));
    // Nothing sent: the hub's trail is as it was.
    expect(keys()).not.toContain(JSON.stringify(HUB_KEY));

    await pass(TEAM_SCHEDULE_MS);
    await waitFor(() => expect(keys()).toContain(JSON.stringify(queryKeys.customersListAll)));
    expect(keys()).toContain(JSON.stringify(queryKeys.teamInbox));
    expect(keys()).toContain(JSON.stringify(queryKeys.tagsTree));
  });

  it("what_this_laptop_sent_refreshes_the_hubs_trail", async () => {
    vi.mocked(teamExchangeAuto).mockResolvedValue({ state: "exchanged", report: { sent: 2, applied: 0, already: 0, pending: 0, inbox: 0, skipped: [], from: [] } });
    const { client } = renderWithProviders(<Schedule />);
    const invalidate = vi.spyOn(client, "invalidateQueries");
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(invalidate.mock.calls.map((c) => JSON.stringify(c[0]?.queryKey))).toContain(JSON.stringify(HUB_KEY)));
  });

  it("the_window_getting_focus_after_a_pause_exchanges_but_not_right_after_an_exchange", async () => {
    vi.mocked(teamExchangeAuto).mockResolvedValue(exchanged(0));
    renderWithProviders(<Schedule />);
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(1));
    window.dispatchEvent(new Event("focus"));
    await pass(100);
    expect(teamExchangeAuto).toHaveBeenCalledTimes(1);
    await pass(TEAM_FOCUS_GAP_MS + 1000);
    window.dispatchEvent(new Event("focus"));
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(2));
  });

  it("a_folder_out_of_reach_is_said_on_the_team_page_in_both_languages", async () => {
    vi.mocked(teamExchangeAuto).mockResolvedValue({ state: "unreachable", folder: status.team!.folder });
    scheduledTeamPage();
    expect(await screen.findByTestId("team-auto")).toHaveTextContent("每 5 分钟");
    expect(screen.queryByTestId("team-folder-unreachable")).toBeNull();
    await pass(TEAM_START_DELAY_MS + 100);
    expect(await screen.findByTestId("team-folder-unreachable")).toHaveTextContent("共享文件夹当前无法访问，已跳过自动同步");
    expect(screen.getByTestId("team-last-exchange")).toHaveTextContent("尚未同步");
    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByTestId("team-folder-unreachable")).toHaveTextContent("The shared folder cannot be reached right now");
  });

  it("while_the_scheduled_exchange_runs_the_button_says_so_and_what_it_brought_shows_after_in_both_languages", async () => {
    let finish: (a: AutoExchange) => void = () => undefined;
    vi.mocked(teamExchangeAuto).mockReturnValue(new Promise((r) => (finish = r)));
    scheduledTeamPage();
    expect(await screen.findByTestId("team-exchange")).toHaveTextContent("同步");
    expect(screen.getByTestId("team-exchange")).toBeEnabled();
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(screen.getByTestId("team-exchange")).toHaveTextContent("同步中"));
    expect(screen.getByTestId("team-exchange")).toBeDisabled();

    finish({ state: "exchanged", report: { sent: 1, applied: 2400, already: 0, pending: 0, inbox: 1, skipped: [], from: [{ device: "王芳的笔记本", person: "王芳", operations: 2400 }] } });
    const result = await screen.findByTestId("team-auto-result");
    expect(result).toHaveTextContent("自动同步发送了 1 项改动，收到 2,400 项");
    expect(result).toHaveTextContent("王芳（王芳的笔记本）：2,400 项");
    expect(result).toHaveTextContent("1 个冲突进入收件箱");
    await waitFor(() => expect(screen.getByTestId("team-exchange")).toBeEnabled());
    await act(() => i18n.changeLanguage("en"));
    expect(screen.getByTestId("team-auto-result")).toHaveTextContent("Automatic exchange: changes sent: 1 · received: 2,400");
  });

  it("a_scheduled_exchange_with_nothing_to_do_shows_no_result", async () => {
    vi.mocked(teamExchangeAuto).mockResolvedValue(exchanged(0));
    scheduledTeamPage();
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByTestId("team-exchange")).toBeEnabled());
    expect(screen.queryByTestId("team-auto-result")).toBeNull();
    expect(screen.queryByTestId("team-exchange-result")).toBeNull();
  });

  it("a_later_automatic_exchange_that_brought_changes_takes_the_place_of_one_made_by_hand_and_an_empty_one_does_not", async () => {
    vi.mocked(teamExchange).mockResolvedValue({ sent: 2, applied: 0, already: 0, pending: 0, inbox: 0, skipped: [], from: [] });
    vi.mocked(hubStatus).mockResolvedValue(null);
    vi.mocked(teamExchangeAuto).mockResolvedValueOnce(exchanged(0)).mockResolvedValueOnce(exchanged(0)).mockResolvedValue(exchanged(7));
    const { user } = scheduledTeamPage();
    await pass(TEAM_START_DELAY_MS + 100);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByTestId("team-exchange")).toBeEnabled());
    await user.click(screen.getByTestId("team-exchange"));
    expect(await screen.findByTestId("team-exchange-result")).toHaveTextContent("发送了 2 项改动，收到 0 项");

    await pass(TEAM_SCHEDULE_MS);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId("team-exchange-result")).toHaveTextContent("发送了 2 项改动");
    expect(screen.queryByTestId("team-auto-result")).toBeNull();

    await pass(TEAM_SCHEDULE_MS);
    await waitFor(() => expect(teamExchangeAuto).toHaveBeenCalledTimes(3));
    expect(await screen.findByTestId("team-auto-result")).toHaveTextContent("自动同步发送了 0 项改动，收到 7 项");
    expect(screen.queryByTestId("team-exchange-result")).toBeNull();
  });
});
