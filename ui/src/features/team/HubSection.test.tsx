import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import {
  exportTable,
  hubAudit,
  hubGroupOwnerGive,
  hubJoinAgain,
  hubGroupOwners,
  hubGroupOwnerSet,
  tagsTree,
  hubMemberAdd,
  hubMemberRemove,
  hubMembers,
  hubMemberSet,
  hubStatus,
  teamInbox,
  teamStatus,
  type HubAuditEntry,
  type HubMember,
  type HubRole,
  type HubStatus,
  type TeamStatus,
} from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { pickSavePath } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import { AUDIT_PAGE } from "./useHub";
import { TeamPage } from "./TeamPage";

const device = { id: "dev-a", name: "前台电脑", person: "李娜" };
const now = Math.floor(Date.now() / 1000);
const status: TeamStatus = { device, team: { id: "t1", name: "销售部", folder: "", last_exchange_at: now - 300 }, devices: [], inbox_open: 0, pending: 0 };

function hub(role: HubRole, seesContacts = true): HubStatus {
  return { host: "db.example.cn", port: 5432, database: "tagdesk", login: "li_na", role, sees_contacts: seesContacts, last_exchange_at: now - 300, regained_groups: 0 };
}

const members: HubMember[] = [
  { login: "li_na", person: "李娜", role: "owner", department: null, active: true },
  { login: "wang_fang", person: "王芳", role: "editor", department: "市场部", active: true },
  { login: "zhao_qiang", person: "赵强", role: "viewer", department: null, active: false },
];

const audit: HubAuditEntry[] = [
  { id: 1, at: now - 7200, login: "li_na", device: "dev-a", device_name: "前台电脑", action: "snapshot", detail: '{"pos": 0, "masked": true}' },
  { id: 2, at: now - 3600, login: "li_na", device: null, device_name: null, action: "member_added", detail: '{"member": "wang_fang", "role": "editor", "department": "市场部"}' },
  { id: 3, at: now - 60, login: "wang_fang", device: "dev-b", device_name: null, action: "refused", detail: '{"uid": "u1", "kind": "tag", "why": {"reason": "hub_viewer_read_only"}}' },
];

function inHub(role: HubRole) {
  vi.mocked(teamStatus).mockResolvedValue(status);
  vi.mocked(teamInbox).mockResolvedValue([]);
  vi.mocked(hubStatus).mockResolvedValue(hub(role, role !== "viewer"));
  vi.mocked(hubMembers).mockResolvedValue(members);
  vi.mocked(hubGroupOwners).mockResolvedValue([{ group_uid: "9f1c2e", group_id: 3, group_name: "渠道 / 营销渠道", department: "市场部", private: false }]);
  vi.mocked(tagsTree).mockResolvedValue({
    nodes: [
      tagNode(1, null, "渠道", { kind: "category" }),
      tagNode(3, 1, "营销渠道", { kind: "group" }),
      tagNode(4, 1, "商机阶段", { kind: "group" }),
      tagNode(5, 4, "初次接触"),
    ],
  } as Awaited<ReturnType<typeof tagsTree>>);
  vi.mocked(hubAudit).mockResolvedValue(audit);
}

/** The first answers of a test wait for antd's parts to mount, slow on a loaded machine. */
const SLOW = { timeout: 5000 };

describe("HubSection", () => {
  it("shows_where_the_hub_is_and_who_this_person_is_there", async () => {
    inHub("viewer");
    renderWithProviders(<TeamPage />);
    expect(await screen.findByTestId("hub-address", {}, SLOW)).toHaveTextContent("db.example.cn:5432/tagdesk");
    expect(screen.getByTestId("hub-login-shown")).toHaveTextContent("li_na");
    expect(screen.getByTestId("hub-role")).toHaveTextContent("只读");
    expect(screen.getByTestId("hub-contacts")).toHaveTextContent("已打码");
    expect(screen.getByTestId("hub-last-exchange")).toHaveTextContent("5分钟前");
  });

  it("a_viewer_sees_the_members_but_no_admin_controls_and_why", async () => {
    inHub("viewer");
    renderWithProviders(<TeamPage />);
    const rows = await screen.findAllByTestId("hub-member-row", {}, SLOW);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("王芳");
    expect(rows[1]).toHaveTextContent("市场部");
    expect(rows[2]).toHaveTextContent("已移除");
    expect(screen.getByTestId("hub-members-read-only")).toHaveTextContent("只有所有者和管理员可以管理成员");
    expect(screen.getByTestId("hub-member-add")).toBeDisabled();
    expect(screen.queryByTestId("hub-member-edit")).toBeNull();
    expect(screen.queryByTestId("hub-member-remove")).toBeNull();
    expect(screen.queryByTestId("hub-group-owners")).toBeNull();
    expect(screen.queryByTestId("hub-audit")).toBeNull();
    expect(hubAudit).not.toHaveBeenCalled();
  });

  it("an_admin_adds_changes_and_removes_members_removal_asked_first", async () => {
    inHub("admin");
    vi.mocked(hubMemberAdd).mockResolvedValue(null);
    vi.mocked(hubMemberSet).mockResolvedValue(null);
    vi.mocked(hubMemberRemove).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    const rows = await screen.findAllByTestId("hub-member-row", {}, SLOW);
    // The owner cannot be changed; a removed member has nothing left to do.
    expect(rows[0]).toHaveTextContent("所有者不能修改或移除");
    expect(within(rows[2]!).queryByTestId("hub-member-remove")).toBeNull();

    await user.click(within(rows[1]!).getByTestId("hub-member-remove"));
    expect(await screen.findByText("立即移除 王芳：其电脑不再收到团队的改动。")).toBeInTheDocument();
    expect(hubMemberRemove).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("hub-member-remove-confirm"));
    await waitFor(() => expect(hubMemberRemove).toHaveBeenCalledWith("wang_fang"));

    await user.click(within(rows[1]!).getByTestId("hub-member-edit"));
    const department = await screen.findByTestId("hub-edit-department");
    await user.clear(department);
    await user.click(screen.getByTestId("hub-member-edit-ok"));
    await waitFor(() => expect(hubMemberSet).toHaveBeenCalledWith("wang_fang", "editor", null));

    await user.click(screen.getByTestId("hub-member-add"));
    await user.click(await screen.findByTestId("hub-member-add-ok"));
    // The form shows its messages field by field: wait for all three, not the first.
    await waitFor(() => expect(screen.getAllByText("必填")).toHaveLength(3));
    await user.type(screen.getByTestId("hub-new-person"), "周杰");
    await user.type(screen.getByTestId("hub-new-login"), "zhou_jie");
    await user.type(screen.getByTestId("hub-new-password"), "first-pass");
    await user.type(screen.getByTestId("hub-new-department"), "市场部");
    await user.click(screen.getByTestId("hub-member-add-ok"));
    await waitFor(() =>
      expect(hubMemberAdd).toHaveBeenCalledWith({ login: "zhou_jie", password: "first-pass", person: "周杰", role: "editor", department: "市场部" }),
    );
  });

  it("an_admin_sees_group_owners_and_the_audit_newest_first_worded", async () => {
    inHub("owner");
    vi.mocked(hubGroupOwnerSet).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    const rows = await screen.findAllByTestId("hub-audit-row", {}, SLOW);
    expect(hubAudit).toHaveBeenCalledWith(0, AUDIT_PAGE);
    expect(rows[0]).toHaveTextContent("改动被拒绝");
    expect(rows[0]).toHaveTextContent("只读");
    expect(rows[1]).toHaveTextContent("添加成员");
    expect(rows[1]).toHaveTextContent("wang_fang · 编辑 · 市场部");
    expect(rows[2]).toHaveTextContent("上传了副本");
    expect(rows[2]).toHaveTextContent("联系方式已打码的副本");
    expect(rows[2]).toHaveTextContent("前台电脑");

    const owner = await screen.findByTestId("hub-group-owner-row");
    expect(owner).toHaveTextContent("市场部");
    expect(owner).toHaveTextContent("渠道 / 营销渠道");
    expect(owner).not.toHaveTextContent("9f1c2e");
    await user.click(within(owner).getByTestId("hub-group-owner-remove"));
    expect(hubGroupOwnerSet).not.toHaveBeenCalled();
    await user.click(await screen.findByTestId("hub-group-owner-remove-confirm"));
    await waitFor(() => expect(hubGroupOwnerSet).toHaveBeenCalledWith("9f1c2e", null, false));
  });

  it("a_member_told_a_removed_group_is_visible_again_downloads_the_teams_data_again_after_a_confirm", async () => {
    inHub("editor");
    vi.mocked(hubStatus).mockResolvedValue({ ...hub("editor"), regained_groups: 2 });
    vi.mocked(hubJoinAgain).mockResolvedValue(status);
    const { user } = renderWithProviders(<TeamPage />);
    expect(await screen.findByTestId("hub-regained", {}, SLOW)).toHaveTextContent("有 2 个标签组现在对你可见");
    // A team on a hub alone is not said to wait for a shared folder.
    expect(screen.getByTestId("team-auto")).toHaveTextContent("通过团队中心");
    await user.click(screen.getByTestId("hub-join-again"));
    expect(await screen.findByText(/先发送本机的改动/)).toBeInTheDocument();
    expect(hubJoinAgain).not.toHaveBeenCalled();
    await user.click(await screen.findByTestId("hub-join-again-confirm"));
    await waitFor(() => expect(hubJoinAgain).toHaveBeenCalledTimes(1));
  });

  it("an_admin_makes_a_departments_group_private_and_the_row_says_who_sees_it", async () => {
    inHub("owner");
    vi.mocked(hubGroupOwnerSet).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    const owner = await screen.findByTestId("hub-group-owner-row", {}, SLOW);
    expect(within(owner).getByTestId("hub-group-owner-visibility")).toHaveTextContent("全公司可见");
    await user.click(within(owner).getByTestId("hub-group-owner-visibility-toggle"));
    // Other departments' laptops lose it: asked first.
    expect(await screen.findByText(/其他部门的电脑会在下次同步时删除此标签组/)).toBeInTheDocument();
    expect(hubGroupOwnerSet).not.toHaveBeenCalled();
    await user.click(await screen.findByTestId("hub-group-owner-visibility-confirm"));
    await waitFor(() => expect(hubGroupOwnerSet).toHaveBeenCalledWith("9f1c2e", "市场部", true));
  });

  it("a_private_group_shows_its_department_and_can_be_opened_to_the_company", async () => {
    inHub("owner");
    vi.mocked(hubGroupOwners).mockResolvedValue([{ group_uid: "9f1c2e", group_id: 3, group_name: "渠道 / 营销渠道", department: "市场部", private: true }]);
    vi.mocked(hubGroupOwnerSet).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    const owner = await screen.findByTestId("hub-group-owner-row", {}, SLOW);
    expect(within(owner).getByTestId("hub-group-owner-visibility")).toHaveTextContent("仅 市场部");
    await user.click(within(owner).getByTestId("hub-group-owner-visibility-toggle"));
    expect(await screen.findByText(/其他部门已删除它的电脑/)).toBeInTheDocument();
    await user.click(await screen.findByTestId("hub-group-owner-visibility-confirm"));
    await waitFor(() => expect(hubGroupOwnerSet).toHaveBeenCalledWith("9f1c2e", "市场部", false));
  });

  it("an_admin_gives_a_group_of_the_tree_to_a_department_named_by_its_path", async () => {
    inHub("owner");
    vi.mocked(hubGroupOwnerGive).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    const give = await screen.findByTestId("hub-give-ok", {}, SLOW);
    expect(give).toBeDisabled();
    await user.click(within(screen.getByTestId("hub-give-group")).getByRole("combobox"));
    // A group already owned is not offered again; only groups, by path.
    const offered = await waitFor(() => {
      const list = document.querySelector(".ant-select-dropdown");
      expect(list).not.toBeNull();
      return list as HTMLElement;
    });
    expect(within(offered).queryByTitle("渠道 / 营销渠道")).toBeNull();
    expect(within(offered).queryByTitle("渠道 / 商机阶段 / 初次接触")).toBeNull();
    await user.click(await within(offered).findByTitle("渠道 / 商机阶段"));
    await user.type(within(screen.getByTestId("hub-give-department")).getByRole("combobox"), "销售部");
    await user.click(screen.getByTestId("hub-give-private"));
    await user.click(give);
    await waitFor(() => expect(hubGroupOwnerGive).toHaveBeenCalledWith(4, "销售部", true));
  });

  it("the_audit_is_saved_to_a_file_as_the_window_words_it", async () => {
    inHub("owner");
    vi.mocked(pickSavePath).mockResolvedValue("/home/me/团队审计记录.xlsx");
    vi.mocked(exportTable).mockResolvedValue(3);
    const { user } = renderWithProviders(<TeamPage />);
    await screen.findAllByTestId("hub-audit-row", {}, SLOW);
    await user.click(screen.getByTestId("hub-audit-export"));
    await waitFor(() => expect(exportTable).toHaveBeenCalledTimes(1));
    const [path, table] = vi.mocked(exportTable).mock.calls[0]!;
    expect(path).toBe("/home/me/团队审计记录.xlsx");
    expect(table.headers).toEqual(["时间", "成员", "设备", "操作", "详情"]);
    // Newest first, as shown; times as real times, actions and details worded.
    expect(table.rows[0]).toEqual([
      { type: "time", value: audit[2]!.at },
      { type: "text", value: "wang_fang" },
      { type: "text", value: "dev-b" },
      { type: "text", value: "改动被拒绝" },
      expect.objectContaining({ type: "text", value: expect.stringContaining("只读") }),
    ]);
    expect(table.rows[2]![4]).toEqual({ type: "text", value: "联系方式已打码的副本" });
    // A device the hub knows by name is named, with its id beside it.
    expect(table.rows[2]![2]).toEqual({ type: "text", value: "前台电脑 (dev-a)" });
    expect(await screen.findByText("已导出 3 条审计记录")).toBeInTheDocument();
  });

  it("the_audit_is_read_to_its_end_page_by_page", async () => {
    inHub("admin");
    const page = (from: number, n: number): HubAuditEntry[] =>
      Array.from({ length: n }, (_, i) => ({ id: from + i, at: now - 100_000 + from + i, login: "li_na", device: null, device_name: null, action: "member_removed", detail: '{"member": "x"}' }));
    vi.mocked(hubAudit).mockImplementation((after) => Promise.resolve(after === 0 ? page(1, AUDIT_PAGE) : page(after + 1, 2)));
    renderWithProviders(<TeamPage />);
    expect(await screen.findByText(`共 ${AUDIT_PAGE + 2} 条`, {}, SLOW)).toBeInTheDocument();
    expect(hubAudit).toHaveBeenLastCalledWith(AUDIT_PAGE, AUDIT_PAGE);
  });

  it("reads_in_english_and_words_a_refused_change", async () => {
    await i18n.changeLanguage("en");
    inHub("admin");
    vi.mocked(hubMemberRemove).mockRejectedValue({ code: "invalid", problem: { code: "hub_one_owner" }, message: "", path: null, field: null });
    const { user } = renderWithProviders(<TeamPage />);
    expect(await screen.findByTestId("hub-role", {}, SLOW)).toHaveTextContent("Admin");
    expect(screen.getByTestId("hub-contacts")).toHaveTextContent("Shown in full");
    const rows = await screen.findAllByTestId("hub-member-row", {}, SLOW);
    expect(rows[1]).toHaveTextContent("Editor");
    expect(rows[1]).toHaveTextContent("Active");
    const auditRows = await screen.findAllByTestId("hub-audit-row");
    expect(auditRows[1]).toHaveTextContent("Added a member");
    expect(auditRows[0]).toHaveTextContent("viewers cannot change anything");
    await user.click(within(rows[1]!).getByTestId("hub-member-remove"));
    expect(await screen.findByText("Remove 王芳 at once: their laptop stops receiving the team's changes.")).toBeInTheDocument();
    await user.click(screen.getByTestId("hub-member-remove-confirm"));
    expect(await screen.findByTestId("hub-member-remove-error")).toHaveTextContent("A team has one owner");
    // No Chinese but the names and departments people typed.
    for (const id of ["hub-status-card", "hub-members", "hub-audit", "hub-group-owners"]) {
      const text = (screen.getByTestId(id).textContent ?? "").replace(/王芳|李娜|赵强|市场部|前台电脑|渠道 \/ 营销渠道/g, "");
      expect(text, id).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
