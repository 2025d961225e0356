import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { hubJoin, hubMembers, hubStart, hubStatus, jobProgress, teamInbox, teamStatus, type TeamStatus } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { TeamPage } from "./TeamPage";

const device = { id: "dev-a", name: "前台电脑", person: "李娜" };
const alone: TeamStatus = { device, team: null, devices: [], inbox_open: 0, pending: 0 };
const joined: TeamStatus = { ...alone, team: { id: "t1", name: "销售部", folder: "", last_exchange_at: null } };
const address = { host: "192.168.1.20", port: 5432, database: "tagdesk", login: "li_na", password: "s3cret pass" };

type User = ReturnType<typeof renderWithProviders>["user"];

async function fillAddress(user: User) {
  await user.type(await screen.findByTestId("hub-host", {}, SLOW), ` ${address.host} `);
  await user.type(screen.getByTestId("hub-database"), address.database);
  await user.type(screen.getByTestId("hub-login"), address.login);
  await user.type(screen.getByTestId("hub-password"), address.password);
}

/** The first answers of a test wait for antd's parts to mount, slow on a loaded machine. */
const SLOW = { timeout: 5000 };

describe("HubConnectCard", () => {
  it("joining_needs_every_field_then_joins_with_the_typed_address_and_the_default_port", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone);
    vi.mocked(hubJoin).mockResolvedValue(joined);
    vi.mocked(hubStatus).mockResolvedValue({ host: address.host, port: 5432, database: "tagdesk", login: "li_na", role: "editor", sees_contacts: true, last_exchange_at: null, regained_groups: 0 });
    vi.mocked(teamInbox).mockResolvedValue([]);
    vi.mocked(hubMembers).mockResolvedValue([]);
    const { user } = renderWithProviders(<TeamPage />);
    const card = await screen.findByTestId("hub-connect-card", {}, SLOW);
    expect(card).toHaveTextContent("团队中心");
    expect(screen.getByTestId("hub-port")).toHaveValue("5432");

    await user.click(screen.getByTestId("hub-join"));
    // The form shows its messages field by field: wait for all four, not the first.
    await waitFor(() => expect(within(card).getAllByText("必填")).toHaveLength(4), SLOW);
    expect(hubJoin).not.toHaveBeenCalled();

    await fillAddress(user);
    await user.click(screen.getByTestId("hub-join"));
    await waitFor(() => expect(hubJoin).toHaveBeenCalledWith(address));
    expect(hubStart).not.toHaveBeenCalled();
    expect(await screen.findByTestId("team-name", {}, SLOW)).toHaveTextContent("销售部");
    // A team on a hub alone has no folder to show; the hub section says where it is.
    expect(screen.queryByTestId("team-folder")).toBeNull();
    expect(await screen.findByTestId("hub-address", {}, SLOW)).toHaveTextContent("192.168.1.20:5432/tagdesk");
  });

  it("while_a_hub_starts_the_card_says_which_step_and_how_far_in_both_languages", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone);
    vi.mocked(hubStart).mockReturnValue(new Promise(() => {})); // minutes for a large database
    vi.mocked(hubStatus).mockResolvedValue(null);
    vi.mocked(teamInbox).mockResolvedValue([]);
    vi.mocked(jobProgress).mockResolvedValue({ running: true, done: 3, total: 10, step: "hub_upload" });
    const { user } = renderWithProviders(<TeamPage />);
    await fillAddress(user);
    await user.click(screen.getByTestId("hub-start"));
    await user.type(await screen.findByTestId("hub-start-name", {}, SLOW), "华东销售");
    await user.click(screen.getByTestId("hub-start-ok"));
    expect(await screen.findByTestId("hub-progress-step", {}, SLOW)).toHaveTextContent("正在上传副本：第 3 / 10 部分");
    expect(screen.getByTestId("hub-progress")).toHaveTextContent("30%");
    vi.mocked(jobProgress).mockResolvedValue({ running: true, done: 0, total: 0, step: "hub_mask" });
    await waitFor(() => expect(screen.getByTestId("hub-progress-step")).toHaveTextContent("正在为无权查看的成员给手机号和邮箱打码"));
    expect(screen.getByTestId("hub-progress")).not.toHaveTextContent("%");
    await i18n.changeLanguage("en");
    try {
      await waitFor(() => expect(screen.getByTestId("hub-progress-step")).toHaveTextContent("Masking phones and e-mails for members without the right"));
    } finally {
      await i18n.changeLanguage("zh-CN");
    }
  });

  it("starting_on_a_hub_asks_the_team_name_first", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone);
    vi.mocked(hubStart).mockResolvedValue(joined);
    vi.mocked(hubStatus).mockResolvedValue(null);
    vi.mocked(teamInbox).mockResolvedValue([]);
    const { user } = renderWithProviders(<TeamPage />);
    await fillAddress(user);
    await user.clear(screen.getByTestId("hub-port"));
    await user.type(screen.getByTestId("hub-port"), "5433");
    await user.click(screen.getByTestId("hub-start"));
    const name = await screen.findByTestId("hub-start-name");
    expect(screen.getByTestId("hub-start-ok")).toBeDisabled();
    expect(hubStart).not.toHaveBeenCalled();
    await user.type(name, " 销售部 ");
    await user.click(screen.getByTestId("hub-start-ok"));
    await waitFor(() => expect(hubStart).toHaveBeenCalledWith({ ...address, port: 5433 }, "销售部"));
    expect(await screen.findByTestId("team-name", {}, SLOW)).toHaveTextContent("销售部");
  });

  it("a_refused_login_is_worded_in_place_and_the_form_keeps_its_values", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone);
    vi.mocked(hubJoin).mockRejectedValue({ code: "invalid", problem: { code: "hub_login_failed", login: "li_na" }, message: "", path: null, field: null });
    const { user } = renderWithProviders(<TeamPage />);
    await fillAddress(user);
    await user.click(screen.getByTestId("hub-join"));
    expect(await screen.findByTestId("hub-connect-error")).toHaveTextContent("团队中心拒绝了登录名 li_na：请检查登录名和密码");
    expect(screen.getByTestId("hub-host")).toHaveValue(` ${address.host} `);
    expect(screen.getByTestId("hub-password")).toHaveValue(address.password);
    expect(screen.getByTestId("hub-join")).toBeEnabled();
  });

  it("reads_in_english", async () => {
    await i18n.changeLanguage("en");
    vi.mocked(teamStatus).mockResolvedValue(alone);
    vi.mocked(hubJoin).mockRejectedValue({ code: "io", problem: { code: "hub_unreachable", host: "192.168.1.20", port: 5432 }, message: "", path: null, field: null });
    const { user } = renderWithProviders(<TeamPage />);
    const card = await screen.findByTestId("hub-connect-card", {}, SLOW);
    expect(card).toHaveTextContent("Team hub");
    expect(screen.getByTestId("hub-join")).toHaveTextContent("Join from a hub");
    expect(screen.getByTestId("hub-start")).toHaveTextContent("Start the team on a hub");
    expect(card).not.toHaveTextContent(/[\u4e00-\u9fff]/);
    await fillAddress(user);
    await user.click(screen.getByTestId("hub-join"));
    expect(await screen.findByTestId("hub-connect-error")).toHaveTextContent("The team hub at 192.168.1.20:5432 does not answer");
  });
});
