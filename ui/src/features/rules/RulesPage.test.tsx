import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jobProgress, rulesCreate, rulesDelete, rulesList, rulesLog, rulesPreview, rulesRun, rulesUpdate, type Rule, type RuleConflict, type RulePreview, type RuleRun } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { segmentScreens } from "../../test/segmentsIpc";
import { guardWindowClose } from "../../lib/ipc/window";
import { confirmLeaving } from "../shell/leaveGuard";
import { RulesPage } from "./RulesPage";

// Tags of the fake tree: 6 = VIP (客户等级, single-select, #fa541c), 11 = 重要价值 (RFM).
const vipRule: Rule = {
  id: 1,
  name: "高消费 VIP",
  owner: "销售部",
  priority: 10,
  enabled: true,
  condition: { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["上海"] }] },
  action: { type: "set_group", group_id: 3, tag_id: 6 },
  time_based: false,
  last_run_at: null,
  created_at: 0,
  updated_at: 0,
};
const rfmRule: Rule = { ...vipRule, id: 2, name: "重要价值", owner: null, priority: 0, enabled: false, action: { type: "add_tag", tag_id: 11 } };
const conflict: RuleConflict = { winner_id: 1, winner_name: "高消费 VIP", loser_id: 3, loser_name: "普通客户", node_id: 3, customers: 4 };
const run: RuleRun = {
  id: 9,
  rule_id: null,
  trigger: "import",
  started_at: 1_750_000_000,
  finished_at: 1_750_000_000,
  millis: 12,
  scanned: 137,
  added: 5,
  removed: 1,
  rules: [{ rule_id: 1, name: "高消费 VIP", matched: 20, added: 5, removed: 1, replaced: 0, kept_manual: 0, skipped_conflict: 0 }],
  conflicts: [conflict],
};

function useFakeRules(rules: Rule[], runs: RuleRun[] = []) {
  segmentScreens();
  vi.mocked(rulesList).mockImplementation(async () => rules);
  vi.mocked(rulesLog).mockImplementation(async () => runs);
  vi.mocked(jobProgress).mockResolvedValue({ running: true, done: 0, total: 1, step: null });
}

beforeEach(() => {
  vi.mocked(rulesCreate).mockResolvedValue(5);
});

async function openNewRule(user: ReturnType<typeof renderWithProviders>["user"]) {
  await user.click(await screen.findByTestId("rule-new"));
  return screen.findByTestId("rule-editor");
}

async function pickTag(user: ReturnType<typeof renderWithProviders>["user"], name: RegExp) {
  await user.click(screen.getByTestId("rule-action-pick"));
  await user.click(await screen.findByRole("option", { name }));
  await user.click(screen.getByTestId("tag-picker-ok"));
}

/** Clicks the newest of a dialog's buttons: a dialog closed earlier may linger while it animates out. */
async function pressNewest(testId: string) {
  const all = await screen.findAllByTestId(testId);
  fireEvent.click(all[all.length - 1]!);
}

describe("RulesPage", () => {
  it("lists_rules_with_their_action_in_the_tags_colour_owner_priority_and_switch", async () => {
    useFakeRules([vipRule, rfmRule]);
    renderWithProviders(<RulesPage />);
    const rows = await screen.findAllByTestId("rule-row");
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["高消费 VIP", "重要价值"]);
    const action = await within(rows[0]!).findByTestId("rule-action");
    await waitFor(() => expect(action).toHaveAttribute("data-tag", "VIP"));
    expect(action).toHaveTextContent("把「客户等级」设为 VIP");
    expect(action, "the tag is shown in its colour").toHaveAttribute("data-color", "#fa541c");
    expect(rows[0]).toHaveTextContent("销售部");
    expect(rows[0]).toHaveTextContent("10");
    expect(rows[0]).toHaveTextContent("从未运行");
    expect(within(rows[0]!).getByTestId("rule-switch")).toHaveAttribute("aria-checked", "true");
    expect(within(rows[1]!).getByTestId("rule-switch")).toHaveAttribute("aria-checked", "false");
    expect(within(rows[1]!).getByTestId("rule-run"), "a disabled rule cannot be run").toBeDisabled();
  });

  it("with_no_rules_says_how_to_start", async () => {
    useFakeRules([]);
    renderWithProviders(<RulesPage />);
    expect(await screen.findByTestId("rules-empty")).toHaveTextContent("还没有规则");
    expect(screen.getByTestId("rules-run-all")).toBeDisabled();
  });

  it("saving_without_a_name_or_a_tag_says_what_is_missing_and_sends_nothing", async () => {
    useFakeRules([]);
    const { user } = renderWithProviders(<RulesPage />);
    const editor = await openNewRule(user);
    await user.click(within(editor).getByTestId("rule-save"));
    expect(await within(editor).findByText("请给规则起个名字")).toBeInTheDocument();
    expect(within(editor).getByText("请选择一个标签")).toBeInTheDocument();
    expect(rulesCreate).not.toHaveBeenCalled();
  });

  it("set_group_only_offers_tags_of_single_select_groups", async () => {
    useFakeRules([]);
    const { user } = renderWithProviders(<RulesPage />);
    await openNewRule(user);
    await user.click(screen.getByTestId("rule-action-set_group"));
    await pickTag(user, /VIP/);
    expect(screen.getByTestId("rule-action-tag")).toHaveTextContent("客户等级 =VIP");
  });

  it("the_preview_shows_gains_losses_samples_and_conflicts_with_higher_rules", async () => {
    useFakeRules([vipRule]);
    const preview: RulePreview = {
      outcome: { rule_id: 0, name: "普通客户", matched: 30, added: 12, removed: 3, replaced: 2, kept_manual: 1, skipped_conflict: 4 },
      gain_sample: [
        { id: 7, name: "王芳" },
        { id: 8, name: "李强" },
      ],
      lose_sample: [{ id: 9, name: "赵敏" }],
      conflicts: [conflict],
    };
    vi.mocked(rulesPreview).mockResolvedValue(preview);
    const { user } = renderWithProviders(<RulesPage />);
    await openNewRule(user);
    await user.type(screen.getByTestId("rule-name"), "普通客户");
    await user.click(screen.getByTestId("rule-action-set_group"));
    await pickTag(user, /普通/);
    await user.click(screen.getByTestId("rule-preview-run"));
    const panel = await screen.findByTestId("rule-preview");
    expect(rulesPreview).toHaveBeenCalledWith(null, expect.objectContaining({ name: "普通客户", action: { type: "set_group", group_id: 3, tag_id: 7 }, enabled: false }));
    expect(within(panel).getByTestId("preview-gain")).toHaveAttribute("data-count", "12");
    expect(within(panel).getByTestId("preview-lose")).toHaveAttribute("data-count", "3");
    expect(within(panel).getByTestId("preview-gain-sample")).toHaveTextContent("王芳李强");
    expect(within(panel).getByTestId("preview-lose-sample")).toHaveTextContent("赵敏");
    expect(panel).toHaveTextContent("4 人因更高优先级的规则而跳过");
    const row = within(panel).getByTestId("conflict-row");
    expect(row).toHaveAttribute("data-winner", "高消费 VIP");
    expect(row).toHaveTextContent("客户等级");
    expect(row).toHaveTextContent("4");

    // Changing what the rule does makes the preview stale.
    await user.click(screen.getByTestId("rule-action-add_tag"));
    expect(screen.getByTestId("rule-preview")).toHaveAttribute("data-stale", "true");
  });

  it("saving_an_enabled_rule_that_was_previewed_asks_nothing", async () => {
    useFakeRules([]);
    vi.mocked(rulesPreview).mockResolvedValue({ outcome: { rule_id: 0, name: "x", matched: 0, added: 0, removed: 0, replaced: 0, kept_manual: 0, skipped_conflict: 0 }, gain_sample: [], lose_sample: [], conflicts: [] });
    const { user } = renderWithProviders(<RulesPage />);
    await openNewRule(user);
    await user.type(screen.getByTestId("rule-name"), "已预览");
    await pickTag(user, /重要价值/);
    await user.click(screen.getByTestId("rule-preview-run"));
    await screen.findByTestId("rule-preview");
    await user.click(screen.getByTestId("rule-enabled"));
    await user.click(screen.getByTestId("rule-save"));
    await waitFor(() => expect(rulesCreate).toHaveBeenCalledWith(expect.objectContaining({ name: "已预览", enabled: true, action: { type: "add_tag", tag_id: 11 } })));
    expect(screen.queryByTestId("rule-enable-confirm")).not.toBeInTheDocument();
  });

  it("enabling_a_rule_that_was_not_previewed_asks_for_confirmation", async () => {
    useFakeRules([rfmRule]);
    vi.mocked(rulesUpdate).mockResolvedValue({ ...rfmRule, enabled: true });
    const { user } = renderWithProviders(<RulesPage />);
    await user.click(within(await screen.findByTestId("rule-row")).getByTestId("rule-switch"));
    const ok = await screen.findByTestId("rule-enable-confirm");
    expect(screen.getAllByText("还没有预览就启用？").length).toBeGreaterThan(0);
    expect(rulesUpdate).not.toHaveBeenCalled();
    await user.click(ok);
    await waitFor(() => expect(rulesUpdate).toHaveBeenCalledWith(2, expect.objectContaining({ enabled: true, name: "重要价值" })));
  });

  it("deleting_a_rule_says_its_tags_are_taken_back", async () => {
    useFakeRules([vipRule]);
    vi.mocked(rulesDelete).mockResolvedValue(5);
    const { user } = renderWithProviders(<RulesPage />);
    await user.click(within(await screen.findByTestId("rule-row")).getByTestId("rule-delete"));
    const ok = await screen.findByTestId("rule-delete-confirm");
    expect(screen.getByText(/给出的标签会从客户身上收回/)).toBeInTheDocument();
    await user.click(ok);
    await waitFor(() => expect(rulesDelete).toHaveBeenCalledWith(1));
    expect(await screen.findByText("已删除「高消费 VIP」，收回了 5 个标签")).toBeInTheDocument();
  });

  it("running_all_rules_shows_progress_then_what_the_run_did", async () => {
    useFakeRules([vipRule]);
    let finish: (r: RuleRun) => void = () => undefined;
    vi.mocked(rulesRun).mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const { user } = renderWithProviders(<RulesPage />);
    await user.click(await screen.findByTestId("rules-run-all"));
    expect(await screen.findByTestId("rules-run-progress")).toBeInTheDocument();
    expect(rulesRun).toHaveBeenCalledWith({ rule_id: null, customer_ids: null, trigger: "manual" });
    expect(screen.getByTestId("rules-run-cancel")).toBeEnabled();
    finish({ ...run, trigger: "manual" });
    const result = await screen.findByTestId("rules-run-result");
    expect(result).toHaveAttribute("data-added", "5");
    expect(result).toHaveTextContent("检查 137 人，新增 5 个标签，移除 1 个");
  });

  it("the_run_log_lists_runs_and_opens_to_each_rules_outcome", async () => {
    useFakeRules([vipRule], [run]);
    const { user } = renderWithProviders(<RulesPage />);
    await user.click(await screen.findByTestId("rules-tab-log"));
    const row = await screen.findByTestId("run-row");
    expect(row).toHaveAttribute("data-trigger", "import");
    expect(row).toHaveTextContent("导入");
    expect(row).toHaveTextContent("全部规则");
    expect(row).toHaveTextContent("冲突 1 处");
    await user.click(row.querySelector(".ant-table-row-expand-icon")!);
    expect(await screen.findByTestId("run-outcomes")).toHaveTextContent("高消费 VIP");
  });

  it("the_conflicts_tab_shows_the_last_runs_conflicts", async () => {
    useFakeRules([vipRule], [run]);
    const { user } = renderWithProviders(<RulesPage />);
    await user.click(await screen.findByTestId("rules-tab-conflicts"));
    const view = await screen.findByTestId("rules-conflicts");
    const row = await within(view).findByTestId("conflict-row");
    expect(row).toHaveAttribute("data-loser", "普通客户");
    expect(row).toHaveTextContent("高消费 VIP");
  });

  it("enabling_a_rule_offers_to_run_that_rule_alone_now", async () => {
    useFakeRules([rfmRule]);
    vi.mocked(rulesUpdate).mockResolvedValue({ ...rfmRule, enabled: true });
    vi.mocked(rulesRun).mockImplementation(() => new Promise(() => undefined));
    const { user } = renderWithProviders(<RulesPage />);
    await user.click(within(await screen.findByTestId("rule-row")).getByTestId("rule-switch"));
    await pressNewest("rule-enable-confirm");
    await screen.findAllByTestId("rule-run-now");
    expect(screen.getAllByText("现在就运行「重要价值」？").length).toBeGreaterThan(0);
    expect(rulesRun, "nothing runs before the person agrees").not.toHaveBeenCalled();
    await pressNewest("rule-run-now");
    await waitFor(() => expect(rulesRun).toHaveBeenCalledWith({ rule_id: 2, customer_ids: null, trigger: "manual" }));
    expect(await screen.findByTestId("rules-run-progress")).toBeInTheDocument();
  });

  it("declining_the_offer_after_enabling_runs_nothing", async () => {
    useFakeRules([rfmRule]);
    vi.mocked(rulesUpdate).mockResolvedValue({ ...rfmRule, enabled: true });
    const { user } = renderWithProviders(<RulesPage />);
    await user.click(within(await screen.findByTestId("rule-row")).getByTestId("rule-switch"));
    await pressNewest("rule-enable-confirm");
    await pressNewest("rule-run-later");
    await waitFor(() => expect(rulesUpdate).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 300));
    expect(rulesRun).not.toHaveBeenCalled();
  });

  it("saving_a_new_enabled_rule_offers_to_run_it_now", async () => {
    useFakeRules([]);
    vi.mocked(rulesRun).mockImplementation(() => new Promise(() => undefined));
    const { user } = renderWithProviders(<RulesPage />);
    await openNewRule(user);
    await user.type(screen.getByTestId("rule-name"), "新规则");
    await pickTag(user, /重要价值/);
    await user.click(screen.getByTestId("rule-enabled"));
    await user.click(screen.getByTestId("rule-save"));
    // A version never previewed asks first (whether this one was depends on earlier tests' previews).
    const asked = await screen.findAllByTestId(/^rule-(enable-confirm|run-now)$/);
    if (asked[asked.length - 1]!.dataset.testid === "rule-enable-confirm") await pressNewest("rule-enable-confirm");
    await pressNewest("rule-run-now");
    await waitFor(() => expect(rulesRun).toHaveBeenCalledWith({ rule_id: 5, customer_ids: null, trigger: "manual" }));
  });

  it("leaving_the_editor_with_unsaved_changes_asks_and_staying_keeps_them", async () => {
    useFakeRules([]);
    const { user } = renderWithProviders(<RulesPage />);
    await openNewRule(user);
    await user.click(screen.getByTestId("rule-back"));
    expect(await screen.findByTestId("rule-list"), "an untouched editor closes without asking").toBeInTheDocument();

    await openNewRule(user);
    await user.type(screen.getByTestId("rule-name"), "写了一半");
    await user.click(screen.getByTestId("rule-back"));
    await pressNewest("rule-leave-stay");
    expect(screen.getByTestId("rule-name")).toHaveValue("写了一半");

    await user.click(screen.getByTestId("rule-back"));
    await pressNewest("rule-leave-confirm");
    expect(await screen.findByTestId("rule-list")).toBeInTheDocument();
    expect(rulesCreate).not.toHaveBeenCalled();
  });

  it("closing_the_window_with_unsaved_changes_asks_and_staying_keeps_the_window_and_the_edit", async () => {
    useFakeRules([]);
    const unlisten = vi.fn();
    vi.mocked(guardWindowClose).mockResolvedValue(unlisten);
    const { user } = renderWithProviders(<RulesPage />);
    await openNewRule(user);
    expect(guardWindowClose, "a clean editor leaves the window's close alone").not.toHaveBeenCalled();

    await user.type(screen.getByTestId("rule-name"), "写了一半");
    await waitFor(() => expect(guardWindowClose).toHaveBeenCalledTimes(1));
    const allowClose = vi.mocked(guardWindowClose).mock.calls[0]![0];
    let answer: boolean | null = null;
    void allowClose().then((ok) => (answer = ok));
    expect((await screen.findAllByText("放弃未保存的修改？")).length, "the question is asked").toBeGreaterThan(0);
    await pressNewest("rule-leave-stay");
    await waitFor(() => expect(answer, "staying keeps the window open").toBe(false));
    expect(screen.getByTestId("rule-name")).toHaveValue("写了一半");

    const shown = screen.queryAllByTestId("rule-leave-confirm").length;
    void allowClose().then((ok) => (answer = ok));
    await waitFor(() => expect(screen.queryAllByTestId("rule-leave-confirm").length).toBeGreaterThan(shown));
    await pressNewest("rule-leave-confirm");
    await waitFor(() => expect(answer, "discarding lets the window close").toBe(true));

    await user.click(screen.getByTestId("rule-back"));
    await pressNewest("rule-leave-confirm");
    await screen.findByTestId("rule-list");
    expect(unlisten, "once the editor is gone the close request is no longer heard").toHaveBeenCalled();
  });

  it("going_to_another_page_with_unsaved_changes_asks_first", async () => {
    useFakeRules([]);
    const { user } = renderWithProviders(<RulesPage />);
    await openNewRule(user);
    expect(await confirmLeaving(), "nothing to lose yet").toBe(true);
    await user.type(screen.getByTestId("rule-name"), "写了一半");
    // The shell asks this way before it changes page (menu, palette, links to other pages).
    let answer: boolean | null = null;
    void confirmLeaving().then((ok) => (answer = ok));
    await pressNewest("rule-leave-stay");
    await waitFor(() => expect(answer).toBe(false));
    const shown = screen.queryAllByTestId("rule-leave-confirm").length;
    void confirmLeaving().then((ok) => (answer = ok));
    await waitFor(() => expect(screen.queryAllByTestId("rule-leave-confirm").length).toBeGreaterThan(shown));
    await pressNewest("rule-leave-confirm");
    await waitFor(() => expect(answer).toBe(true));
  });
});
