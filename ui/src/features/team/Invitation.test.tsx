import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { teamInbox, teamInvitationMake, teamJoinInvitation, teamStatus, type TeamStatus } from "../../lib/ipc";
import { pickInvitation, pickSavePath } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import { TeamPage } from "./TeamPage";

const device = { id: "dev-a", name: "前台电脑", person: "李娜" };

function alone(): TeamStatus {
  return { device, team: null, devices: [], inbox_open: 0, pending: 0 };
}

function inTeam(): TeamStatus {
  return {
    device,
    team: { id: "t1", name: "销售部", folder: "/mnt/nas/TagDesk-销售部-t1", last_exchange_at: null },
    devices: [],
    inbox_open: 0,
    pending: 0,
  };
}

describe("Invitation files", () => {
  it("making_an_invitation_asks_where_to_save_it_under_the_team_name_and_says_where_it_went", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue([]);
    vi.mocked(pickSavePath).mockResolvedValue("/home/li/加入-销售部.tagdesk-invite");
    vi.mocked(teamInvitationMake).mockResolvedValue({ team: "销售部", folder: "/mnt/nas/TagDesk-销售部-t1", bytes: 81_920 });
    const { user } = renderWithProviders(<TeamPage />);
    await user.click(await screen.findByTestId("team-invite-make"));
    expect(pickSavePath).toHaveBeenCalledWith("加入-销售部.tagdesk-invite", "TagDesk 邀请文件", ["tagdesk-invite"]);
    await waitFor(() => expect(teamInvitationMake).toHaveBeenCalledWith("/home/li/加入-销售部.tagdesk-invite"));
    const made = await screen.findByTestId("team-invite-made");
    expect(made).toHaveTextContent("邀请文件已保存，发给同事即可加入「销售部」");
    expect(made).toHaveTextContent("/home/li/加入-销售部.tagdesk-invite");
  });

  it("an_invitation_is_offered_and_reported_in_english", async () => {
    await i18n.changeLanguage("en");
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue([]);
    vi.mocked(pickSavePath).mockResolvedValue("/tmp/Join-销售部.tagdesk-invite");
    vi.mocked(teamInvitationMake).mockResolvedValue({ team: "销售部", folder: "/mnt/nas/TagDesk-销售部-t1", bytes: 81_920 });
    const { user } = renderWithProviders(<TeamPage />);
    const button = await screen.findByTestId("team-invite-make");
    expect(button).toHaveTextContent("Invitation file");
    await user.click(button);
    expect(vi.mocked(pickSavePath).mock.calls[0]![0]).toBe("Join-销售部.tagdesk-invite");
    expect(await screen.findByTestId("team-invite-made")).toHaveTextContent("Invitation file saved; send it to a colleague to join “销售部”");
  });

  it("joining_from_an_invitation_opens_the_chosen_file_and_shows_the_team", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone());
    vi.mocked(teamInbox).mockResolvedValue([]);
    vi.mocked(pickInvitation).mockResolvedValue("/home/li/下载/加入-销售部.tagdesk-invite");
    vi.mocked(teamJoinInvitation).mockResolvedValue(inTeam());
    const { user } = renderWithProviders(<TeamPage />);
    const button = await screen.findByTestId("team-join-invitation");
    expect(button).toHaveTextContent("从邀请文件加入");
    await user.click(button);
    expect(pickInvitation).toHaveBeenCalledWith("TagDesk 邀请文件");
    await waitFor(() => expect(teamJoinInvitation).toHaveBeenCalledWith("/home/li/下载/加入-销售部.tagdesk-invite"));
    expect(await screen.findByTestId("team-name")).toHaveTextContent("销售部");
  });

  it("cancelling_the_open_dialog_joins_nothing", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone());
    vi.mocked(pickInvitation).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    await user.click(await screen.findByTestId("team-join-invitation"));
    expect(teamJoinInvitation).not.toHaveBeenCalled();
  });

  it("a_refused_invitation_says_why_in_words", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone());
    vi.mocked(pickInvitation).mockResolvedValue("/tmp/加入-销售部.tagdesk-invite");
    vi.mocked(teamJoinInvitation).mockRejectedValue({
      code: "invalid",
      problem: { code: "invitation_damaged", file: "/tmp/加入-销售部.tagdesk-invite" },
      message: "",
      path: null,
      field: "file",
    });
    const { user } = renderWithProviders(<TeamPage />);
    await user.click(await screen.findByTestId("team-join-invitation"));
    const error = await screen.findByTestId("team-join-invitation-error");
    expect(error).toHaveTextContent("邀请文件 /tmp/加入-销售部.tagdesk-invite 不完整或已损坏，请让对方重新发送");
    expect(screen.getByTestId("team-join-card")).toBeInTheDocument();
  });
});
