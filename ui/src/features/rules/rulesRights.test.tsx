import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { myRights, rulesList, rulesLog, type Rule } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { editorOf, offHub, viewer } from "../../test/rights";
import { segmentScreens } from "../../test/segmentsIpc";
import { RulesPage } from "./RulesPage";

const rule: Rule = {
  id: 1,
  name: "高消费 VIP",
  owner: "销售部",
  priority: 10,
  enabled: true,
  condition: { type: "and", children: [{ type: "field", field: "city", op: "eq", values: ["上海"] }] },
  action: { type: "add_tag", tag_id: 6 },
  time_based: false,
  last_run_at: null,
  created_at: 0,
  updated_at: 0,
};

function renderPage() {
  segmentScreens();
  vi.mocked(rulesList).mockResolvedValue([rule]);
  vi.mocked(rulesLog).mockResolvedValue([]);
  return renderWithProviders(<RulesPage />);
}

const ADMIN_ONLY = "只有团队的管理员和所有者可以修改此项";

describe("RulesPage under the team hub's rights", () => {
  it("a_viewer_cannot_create_enable_or_run_a_rule_and_reads_why", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    const { user } = renderPage();
    await screen.findByTestId("rule-row");
    await waitFor(() => expect(screen.getByTestId("rule-new")).toBeDisabled());
    expect(screen.getByTestId("rules-run-all")).toBeDisabled();
    expect(screen.getByTestId("rule-switch")).toBeDisabled();
    expect(screen.getByTestId("rule-run")).toBeDisabled();
    expect(screen.getByTestId("rule-delete")).toBeDisabled();
    expect(screen.getByTestId("rules-not-admin")).toHaveTextContent("你在团队中心的角色是「只读」：可以查看，不能修改");
    await user.hover(screen.getByTestId("rule-new").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent("你在团队中心的角色是「只读」");
  });

  it("an_editor_may_open_a_rule_to_read_it_but_not_save_it", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部"));
    const { user } = renderPage();
    await screen.findByTestId("rule-row");
    await waitFor(() => expect(screen.getByTestId("rules-not-admin")).toHaveTextContent(ADMIN_ONLY));
    expect(screen.getByTestId("rule-new")).toBeDisabled();
    await user.click(screen.getByTestId("rule-open"));
    expect(await screen.findByTestId("rule-save")).toBeDisabled();
  });

  it("an_editor_reads_an_opened_rule_in_a_form_that_only_shows_and_may_still_preview_it", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部"));
    const { user } = renderPage();
    await screen.findByTestId("rule-row");
    await waitFor(() => expect(screen.getByTestId("rule-open")).toBeEnabled());
    await waitFor(() => expect(screen.getByTestId("rules-not-admin")).toBeInTheDocument());
    await user.click(screen.getByTestId("rule-open"));
    expect(await screen.findByTestId("rule-read-only")).toHaveTextContent(ADMIN_ONLY);
    for (const id of ["rule-name", "rule-owner", "rule-priority", "rule-enabled", "rule-action-pick"]) expect(screen.getByTestId(id)).toBeDisabled();
    for (const radio of within(screen.getByTestId("rule-action-type")).getAllByRole("radio")) expect(radio).toBeDisabled();
    const condition = screen.getByTestId("rule-condition");
    const controls = [...condition.querySelectorAll<HTMLElement>(".builder-tree button, .builder-tree input")];
    expect(controls.length).toBeGreaterThan(0);
    expect(screen.getAllByTestId("builder-add-rule")[0]).toBeDisabled();
    for (const control of controls) expect(control).toBeDisabled();
    expect(screen.getByTestId("rule-preview-run")).toBeEnabled();
    expect(screen.getByTestId("rule-back")).toBeEnabled();
  });

  it("off_a_hub_an_opened_rule_can_be_edited", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    const { user } = renderPage();
    await screen.findByTestId("rule-row");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    await user.click(screen.getByTestId("rule-open"));
    expect(await screen.findByTestId("rule-name")).toBeEnabled();
    expect(screen.getByTestId("rule-enabled")).toBeEnabled();
    expect(screen.getByTestId("rule-action-pick")).toBeEnabled();
    expect(screen.queryByTestId("rule-read-only")).toBeNull();
    expect(screen.getAllByTestId("builder-add-rule")[0]).toBeEnabled();
  });

  it("off_a_hub_rules_can_be_created_switched_and_run", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    renderPage();
    await screen.findByTestId("rule-row");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    expect(screen.getByTestId("rule-new")).toBeEnabled();
    expect(screen.getByTestId("rule-switch")).toBeEnabled();
    expect(screen.getByTestId("rule-run")).toBeEnabled();
    expect(screen.queryByTestId("rules-not-admin")).toBeNull();
  });
});
