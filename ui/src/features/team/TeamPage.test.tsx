import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { teamExchange, teamInbox, teamInboxResolve, teamJoin, teamSetDevice, teamStart, teamStatus, type InboxItem, type TeamStatus } from "../../lib/ipc";
import { pickFolder } from "../../lib/ipc/dialog";
import { renderWithProviders } from "../../test/render";
import { IntentContext } from "../shell/intent";
import { TeamPage } from "./TeamPage";

const device = { id: "dev-a", name: "前台电脑", person: "李娜" };

function alone(): TeamStatus {
  return { device, team: null, devices: [], inbox_open: 0, pending: 0 };
}

function inTeam(over: Partial<TeamStatus> = {}): TeamStatus {
  return {
    device,
    team: { id: "t1", name: "销售部", folder: "/mnt/nas/TagDesk-销售部-t1", last_exchange_at: Math.floor(Date.now() / 1000) - 300 },
    devices: [
      { id: "dev-b", name: "王芳的笔记本", person: "王芳", received: 12_345, last_received_at: Math.floor(Date.now() / 1000) - 7200, clock_ahead: null, clock_ahead_seen_at: null },
      { id: "dev-c", name: "仓库电脑", person: "赵强", received: 0, last_received_at: null, clock_ahead: null, clock_ahead_seen_at: null },
    ],
    inbox_open: 2,
    pending: 0,
    ...over,
  };
}

const cases: InboxItem[] = [
  {
    id: 7,
    at: 1_764_000_000,
    from_device: "王芳的笔记本",
    from_person: "王芳",
    case: { kind: "single_select", customer_id: 42, customer: "王芳", group: "客户等级", kept: "银卡", dropped: "VIP" },
  },
  { id: 8, at: 1_764_000_100, from_device: "仓库电脑", from_person: "赵强", case: { kind: "unknown_customers", tag: "老客户", customers: 1200 } },
];

describe("TeamPage", () => {
  it("not_in_a_team_offers_start_and_join_and_says_nothing_before_the_status_arrives", async () => {
    let answer: (s: TeamStatus) => void = () => undefined;
    vi.mocked(teamStatus).mockReturnValue(new Promise((r) => (answer = r)));
    renderWithProviders(<TeamPage />);
    expect(screen.getByTestId("team-loading")).toBeInTheDocument();
    expect(screen.queryByTestId("team-start-card")).toBeNull();
    expect(screen.queryByText(/没有|尚未|还没有/)).toBeNull();

    answer(alone());
    expect(await screen.findByTestId("team-start-card")).toHaveTextContent("坚果云");
    expect(screen.getByTestId("team-join-card")).toBeInTheDocument();
    expect(screen.getByTestId("team-join-warning")).toHaveTextContent("当前数据库仍保留在磁盘上");
    expect(screen.getByTestId("team-start-device")).toHaveValue("前台电脑");
  });

  it("the_default_author_is_not_typed_as_your_name_and_is_kept_when_left_empty", async () => {
    await i18n.changeLanguage("en");
    vi.mocked(teamStatus).mockResolvedValue({ ...alone(), device: { ...device, person: "本机用户" } });
    vi.mocked(pickFolder).mockResolvedValue("/mnt/nas");
    vi.mocked(teamStart).mockResolvedValue(inTeam());
    vi.mocked(teamSetDevice).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue([]);
    const { user } = renderWithProviders(<TeamPage />);
    const person = await screen.findByTestId("team-start-person");
    expect(person).toHaveValue("");
    expect(person).toHaveAttribute("placeholder", "Local user");
    await user.click(screen.getByTestId("team-start-folder-choose"));
    await user.type(screen.getByTestId("team-start-name"), "Sales");
    await user.click(screen.getByTestId("team-start"));
    await waitFor(() => expect(teamSetDevice).toHaveBeenCalledWith("前台电脑", "本机用户"));
  });

  it("starting_a_team_uses_the_chosen_folder_then_names_this_laptop", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone());
    vi.mocked(pickFolder).mockResolvedValue("/mnt/nas");
    vi.mocked(teamStart).mockResolvedValue(inTeam());
    vi.mocked(teamSetDevice).mockResolvedValue(inTeam({ device: { ...device, person: "李娜娜" } }));
    vi.mocked(teamInbox).mockResolvedValue([]);
    const { user } = renderWithProviders(<TeamPage />);
    const start = await screen.findByTestId("team-start");
    expect(start, "no folder and no name yet").toBeDisabled();
    await user.click(screen.getByTestId("team-start-folder-choose"));
    expect(pickFolder).toHaveBeenCalledWith("选择团队的共享文件夹");
    expect(await screen.findByTestId("team-start-folder-path")).toHaveTextContent("/mnt/nas");
    await user.type(screen.getByTestId("team-start-name"), "销售部");
    await user.type(screen.getByTestId("team-start-person"), "娜");
    await user.click(start);
    await waitFor(() => expect(teamStart).toHaveBeenCalledWith("/mnt/nas", "销售部"));
    await waitFor(() => expect(teamSetDevice).toHaveBeenCalledWith("前台电脑", "李娜娜"));
    expect(await screen.findByTestId("team-name")).toHaveTextContent("销售部");
  });

  it("joining_a_team_opens_the_chosen_folder_and_shows_the_team", async () => {
    vi.mocked(teamStatus).mockResolvedValue(alone());
    vi.mocked(pickFolder).mockResolvedValue("/mnt/nas/TagDesk-销售部-t1");
    vi.mocked(teamJoin).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue([]);
    const { user } = renderWithProviders(<TeamPage />);
    await user.click(await screen.findByTestId("team-join-folder-choose"));
    await user.click(await screen.findByTestId("team-join"));
    await waitFor(() => expect(teamJoin).toHaveBeenCalledWith("/mnt/nas/TagDesk-销售部-t1"));
    expect(await screen.findByTestId("team-name")).toHaveTextContent("销售部");
  });

  it("in_a_team_lists_devices_and_words_inbox_cases_in_chinese", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue(cases);
    renderWithProviders(<TeamPage />);
    expect(await screen.findByTestId("team-folder")).toHaveTextContent("/mnt/nas/TagDesk-销售部-t1");
    expect(screen.getByTestId("team-last-exchange")).toHaveTextContent("5分钟前");
    const rows = screen.getAllByTestId("team-device-row");
    expect(rows[0]).toHaveTextContent("王芳的笔记本");
    expect(rows[0]).toHaveTextContent("12,345");
    expect(rows[0]).toHaveTextContent("2小时前");
    expect(rows[1]).toHaveTextContent("尚未收到");
    const sentences = await screen.findAllByTestId("team-inbox-sentence");
    // Either laptop may have set the earlier tag: the sentence does not say which.
    expect(sentences[0]).toHaveTextContent("王芳 的 客户等级：两台设备几乎同时设置了不同的标签，保留了较晚设置的 银卡，较早设置的 VIP 未保留");
    expect(sentences[1]).toHaveTextContent("「老客户」的改动涉及本机没有的 1,200 位客户");
    expect(screen.getByTestId("team-inbox-use-other")).toHaveTextContent("改用 VIP");
    expect(screen.queryByTestId("team-pending")).toBeNull();
  });

  it("in_a_team_words_inbox_cases_and_a_newer_versions_changes_in_english", async () => {
    await i18n.changeLanguage("en");
    vi.mocked(teamStatus).mockResolvedValue(inTeam({ pending: 1500 }));
    vi.mocked(teamInbox).mockResolvedValue(cases);
    renderWithProviders(<TeamPage />);
    const sentences = await screen.findAllByTestId("team-inbox-sentence");
    expect(sentences[0]).toHaveTextContent("王芳's 客户等级: two laptops set different tags at about the same time; 银卡, set later, was kept and VIP, set earlier, was not");
    expect(sentences[1]).toHaveTextContent("A change of “老客户” named 1,200 customers this laptop does not have");
    expect(screen.getByTestId("team-inbox-use-other")).toHaveTextContent("Use VIP instead");
    expect(screen.getByTestId("team-pending")).toHaveTextContent("1,500 changes from a newer TagDesk are kept until you update");
    expect(screen.getByTestId("team-last-exchange")).toHaveTextContent("5 minutes ago");
  });

  it("using_the_other_tag_resolves_the_case_with_keep_other_and_refreshes_the_inbox", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValueOnce(cases).mockResolvedValue([cases[1]!]);
    vi.mocked(teamInboxResolve).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    await user.click(await screen.findByTestId("team-inbox-use-other"));
    await waitFor(() => expect(teamInboxResolve).toHaveBeenCalledWith(7, true));
    await waitFor(() => expect(screen.getAllByTestId("team-inbox-item")).toHaveLength(1));
    expect(screen.getByTestId("team-inbox-item")).toHaveAttribute("data-id", "8");
    expect(teamInbox).toHaveBeenCalledTimes(2);
  });

  it("keeping_resolves_without_the_other_tag", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue(cases);
    vi.mocked(teamInboxResolve).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    const keep = await screen.findByTestId("team-inbox-keep");
    // It says which tag stays, beside the button that takes the other.
    expect(keep).toHaveTextContent("保留 银卡");
    await user.click(keep);
    await waitFor(() => expect(teamInboxResolve).toHaveBeenCalledWith(7, false));
  });

  it("customer_and_tag_tree_cases_read_in_both_languages_and_a_deleted_customer_offers_restore", async () => {
    const customerCases: InboxItem[] = [
      { id: 11, at: 1_764_000_200, from_device: "王芳的笔记本", from_person: "王芳", case: { kind: "edit_of_deleted", customer_id: 9, customer: "吴迪" } },
      { id: 12, at: 1_764_000_300, from_device: "仓库电脑", from_person: "赵强", case: { kind: "fields_not_written", customer_id: 10, customer: "孙立", fields: ["external_id", "custom:f1"] } },
      { id: 13, at: 1_764_000_400, from_device: "仓库电脑", from_person: "赵强", case: { kind: "unknown_customer", fields: ["city"] } },
      { id: 14, at: 1_764_000_500, from_device: "仓库电脑", from_person: "赵强", case: { kind: "move_skipped", node: "维度Y" } },
      { id: 15, at: 1_764_000_600, from_device: "仓库电脑", from_person: "赵强", case: { kind: "merge_skipped", from: "高活", to: "高活跃" } },
    ];
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue(customerCases);
    vi.mocked(teamInboxResolve).mockResolvedValue(null);
    const { user } = renderWithProviders(<TeamPage />);
    const sentences = await screen.findAllByTestId("team-inbox-sentence");
    expect(sentences[0]).toHaveTextContent("吴迪 在本机已删除，另一台设备随后修改了它：客户仍保持删除，修改已保留");
    expect(sentences[1]).toHaveTextContent("孙立 收到的 2 个字段未写入");
    expect(sentences[2]).toHaveTextContent("另一台设备修改了一位本机没有的客户（1 个字段");
    expect(sentences[3]).toHaveTextContent("「维度Y」的一次移动未执行");
    expect(sentences[4]).toHaveTextContent("另一台设备把「高活」合并到「高活跃」");
    await user.click(screen.getByTestId("team-inbox-restore"));
    await waitFor(() => expect(teamInboxResolve).toHaveBeenCalledWith(11, true));

    await i18n.changeLanguage("en");
    expect(sentences[0]).toHaveTextContent("吴迪 was deleted here and then changed on another laptop: the customer stays deleted");
    expect(screen.getAllByTestId("team-inbox-sentence")[1]).toHaveTextContent("2 fields received for 孙立 were not written");
    expect(screen.getByTestId("team-inbox-restore")).toHaveTextContent("Restore the customer");
    expect(screen.getAllByTestId("team-inbox-sentence")[3]).toHaveTextContent("A move of “维度Y” was skipped");
  });

  it("records_saved_elsewhere_and_not_written_here_say_why_in_both_languages", async () => {
    const recordCases: InboxItem[] = [
      { id: 21, at: 1_764_000_700, from_device: "王芳的笔记本", from_person: "王芳", case: { kind: "record_skipped", entity: "rule", name: "预算高的客户", missing: 2, problem: null } },
      { id: 22, at: 1_764_000_800, from_device: "王芳的笔记本", from_person: "王芳", case: { kind: "record_skipped", entity: "custom_field", name: "渠道预算", missing: 0, problem: { code: "name_taken", name: "渠道预算", existing: "渠道预算" } } },
      { id: 23, at: 1_764_000_900, from_device: "王芳的笔记本", from_person: "王芳", case: { kind: "record_skipped", entity: "segment", name: "老客户", missing: 0, problem: null } },
    ];
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue(recordCases);
    renderWithProviders(<TeamPage />);
    // The first render of a run loads the page's chunks: longer than the default second.
    const sentences = await screen.findAllByTestId("team-inbox-sentence", {}, { timeout: 5000 });
    expect(sentences[0]).toHaveTextContent("另一台设备保存的规则「预算高的客户」没有写入本机：它用到的 2 个标签、分组、分群或字段本机没有");
    expect(sentences[1]).toHaveTextContent("另一台设备保存的自定义字段「渠道预算」没有写入本机：");
    expect(sentences[1]).toHaveTextContent("名称“渠道预算”已被使用");
    expect(sentences[2]).toHaveTextContent("分群「老客户」没有写入本机：本机的数据不允许写入它");
    expect(screen.getAllByTestId("team-inbox-dismiss")).toHaveLength(3);

    await i18n.changeLanguage("en");
    expect(sentences[0]).toHaveTextContent("The rule “预算高的客户” saved on another laptop was not written here: it uses 2 tags, groups, segments or fields");
    expect(sentences[2]).toHaveTextContent("The segment “老客户” saved on another laptop was not written here: the data here does not allow it");
  });

  it("events_added_elsewhere_and_not_added_here_say_why_in_both_languages", async () => {
    const eventCases: InboxItem[] = [
      { id: 31, at: 1_764_001_000, from_device: "王芳的笔记本", from_person: "王芳", case: { kind: "events_of_unknown_customers", event_kind: "下单", customers: 3, events: 1250 } },
      { id: 32, at: 1_764_001_100, from_device: "王芳的笔记本", from_person: "王芳", case: { kind: "events_of_unknown_kind", events: 1 } },
    ];
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue(eventCases);
    renderWithProviders(<TeamPage />);
    const sentences = await screen.findAllByTestId("team-inbox-sentence", {}, { timeout: 5000 });
    expect(sentences[0]).toHaveTextContent("另一台设备添加的 1,250 条「下单」事件没有加入本机：它们属于本机没有的 3 位客户");
    expect(sentences[1]).toHaveTextContent("另一台设备添加的 1 条事件没有加入本机：它们的事件类型还没有同步到本机");
    expect(screen.getAllByTestId("team-inbox-dismiss")).toHaveLength(2);

    await i18n.changeLanguage("en");
    expect(sentences[0]).toHaveTextContent("1,250 “下单” events added on another laptop were not added here: they belong to customers this laptop does not have (3;");
    expect(sentences[1]).toHaveTextContent("1 event added on another laptop was not added here: its event kind has not reached this laptop yet");
  });

  it("the_customers_name_in_a_case_opens_their_profile", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue(cases);
    const go = vi.fn();
    const { user } = renderWithProviders(
      <IntentContext.Provider value={go}>
        <TeamPage />
      </IntentContext.Provider>,
    );
    await user.click(await screen.findByTestId("team-inbox-customer"));
    expect(go).toHaveBeenCalledWith({ kind: "customer", id: 42 });
  });

  it("an_exchange_shows_what_was_sent_and_received_and_why_files_were_skipped", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue([]);
    let finish: (r: Awaited<ReturnType<typeof teamExchange>>) => void = () => undefined;
    vi.mocked(teamExchange).mockReturnValue(new Promise((r) => (finish = r)));
    const { user } = renderWithProviders(<TeamPage />);
    expect(await screen.findByText("没有待处理的冲突")).toBeInTheDocument();
    await user.click(screen.getByTestId("team-exchange"));
    expect(screen.getByTestId("team-exchange")).toHaveTextContent("同步中");
    expect(screen.getByTestId("team-exchange")).toBeDisabled();

    finish({
      sent: 3,
      applied: 2400,
      already: 0,
      pending: 0,
      inbox: 1,
      skipped: [{ code: "exchange_file_corrupted", file: "dev-b/000012.tdx" }],
      from: [{ device: "王芳的笔记本", person: "王芳", operations: 2400 }],
    });
    const result = await screen.findByTestId("team-exchange-result");
    expect(result).toHaveTextContent("发送了 3 项改动，收到 2,400 项");
    expect(within(result).getByTestId("team-received-from")).toHaveTextContent("王芳（王芳的笔记本）：2,400 项");
    expect(result).toHaveTextContent("1 个冲突进入收件箱");
    expect(within(result).getByTestId("team-skipped-file")).toHaveTextContent("交换文件 dev-b/000012.tdx 已损坏");
    await waitFor(() => expect(screen.getByTestId("team-exchange")).toHaveTextContent("同步"));
    await waitFor(() => expect(teamStatus).toHaveBeenCalledTimes(2));
  });

  it("a_failed_exchange_names_the_problem", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue([]);
    vi.mocked(teamExchange).mockRejectedValue({
      code: "team_folder",
      problem: { code: "not_a_team_folder", folder: "/mnt/nas" },
      message: "",
      path: null,
      field: null,
    });
    const { user } = renderWithProviders(<TeamPage />);
    await user.click(await screen.findByTestId("team-exchange"));
    expect(await screen.findByTestId("team-exchange-error")).toHaveTextContent("/mnt/nas");
  });

  it("opened_for_exchange_now_from_the_palette_exchanges_once", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam());
    vi.mocked(teamInbox).mockResolvedValue([]);
    vi.mocked(teamExchange).mockResolvedValue({ sent: 0, applied: 0, already: 0, pending: 0, inbox: 0, skipped: [], from: [] });
    renderWithProviders(<TeamPage exchangeNow />);
    expect(await screen.findByTestId("team-exchange-result")).toHaveTextContent("发送了 0 项改动，收到 0 项");
    await waitFor(() => expect(teamStatus).toHaveBeenCalledTimes(2));
    expect(teamExchange).toHaveBeenCalledTimes(1);
  });

  it("the_inbox_says_it_is_empty_only_once_it_has_answered", async () => {
    vi.mocked(teamStatus).mockResolvedValue(inTeam({ inbox_open: 0 }));
    let answer: (items: InboxItem[]) => void = () => undefined;
    vi.mocked(teamInbox).mockReturnValue(new Promise((r) => (answer = r)));
    renderWithProviders(<TeamPage />);
    expect(await screen.findByTestId("team-inbox-loading")).toBeInTheDocument();
    expect(screen.queryByTestId("team-inbox-none")).toBeNull();
    answer([]);
    expect(await screen.findByTestId("team-inbox-none")).toHaveTextContent("没有待处理的冲突");
  });
});
