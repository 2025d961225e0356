import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import {
  customersDelete,
  healthArchive,
  healthReport,
  healthWhereUsed,
  myRights,
  operationsMineLatest,
  operationsUndo,
  taggingAdd,
  taggingRemove,
  tagsTree,
  type HealthReport,
  type MyRights,
  type Operation,
} from "../../lib/ipc";
import type { ListQuery } from "../../lib/queryKeys";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { editorOf, offHub, viewer } from "../../test/rights";
import { ActionResultAlert } from "../customers/ActionResultAlert";
import type { ActionResult } from "../customers/actionResult";
import { BulkBar } from "../customers/BulkBar";
import { ProfileTags } from "../customers/profile/ProfileTags";
import { HealthPage } from "../health/HealthPage";
import { RIGHTS_KEY, wordRights } from "../team/useRights";
import { undoRefusal } from "./UndoLink";

const VIEWER_WHY = "你在团队中心的角色是「只读」：可以查看，不能修改";
const MARKETING_WHY = "此分组由市场部负责，只有该部门的成员、管理员和所有者可以修改";
const UNFILTERED: ListQuery = { search: null, tag_ids: [], sort: null };
/** The tag group the bulk tag and the archived tag belong to, and the one the editor keeps. */
const GROUP = 10;
const OTHER_GROUP = 20;
const marketingOwnsGroup = editorOf("销售部", [{ group_id: GROUP, department: "市场部" }]);

/** The customers page in small: the bulk bar, and the message with its undo link after an action. */
function BarWithMessage() {
  const [result, setResult] = useState<ActionResult | null>(null);
  return (
    <>
      <BulkBar selection={{ mode: "ids", ids: new Set([1, 2]) }} query={UNFILTERED} total={2} onDone={setResult} onError={vi.fn()} onExport={vi.fn()} />
      {result !== null && <ActionResultAlert result={result} onClose={() => setResult(null)} onUndoError={vi.fn()} />}
    </>
  );
}

function renderBar() {
  vi.mocked(tagsTree).mockResolvedValue({ total_customers: 10, nodes: [tagNode(GROUP, null, "早期用户", { kind: "group" }), tagNode(11, GROUP, "种子用户")] });
  vi.mocked(taggingAdd).mockResolvedValue({ operation_id: 7, batch_id: 7, changed: 2, replaced: 0 });
  vi.mocked(customersDelete).mockResolvedValue(2);
  return renderWithProviders(<BarWithMessage />);
}

/** The hub answers anew (after an exchange): the window reads this person's rights again. */
async function hubNowSays(client: ReturnType<typeof renderBar>["client"], rights: MyRights) {
  vi.mocked(myRights).mockResolvedValue(rights);
  await client.invalidateQueries({ queryKey: RIGHTS_KEY });
}

const whyOf = (testId: string) => screen.getByTestId(testId).closest("[data-why]")?.getAttribute("data-why") ?? null;

describe("the undo link after a bulk action, under the team hub's rights", () => {
  it("says_why_a_viewer_or_an_editor_of_another_departments_group_may_not_undo", () => {
    const t = i18n.t.bind(i18n);
    expect(undoRefusal(wordRights(offHub, t), [GROUP])).toBeNull();
    expect(undoRefusal(wordRights(viewer, t))).toBe(VIEWER_WHY);
    expect(undoRefusal(wordRights(marketingOwnsGroup, t), [OTHER_GROUP, GROUP])).toBe(MARKETING_WHY);
    expect(undoRefusal(wordRights(marketingOwnsGroup, t), [OTHER_GROUP, null]), "the editor's own groups and no group are theirs").toBeNull();
    expect(undoRefusal(wordRights(marketingOwnsGroup, t)), "deleting customers touches no group").toBeNull();
  });

  it("the_bulk_tags_undo_turns_disabled_with_the_reason_once_the_hub_gives_its_group_to_another_department", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    const { user, client } = renderBar();
    await waitFor(() => expect(screen.getByTestId("bulk-add-tag")).toBeEnabled());
    await user.click(screen.getByTestId("bulk-add-tag"));
    await user.click(await screen.findByRole("option", { name: /种子用户/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    expect(await screen.findByTestId("bulk-undo")).toBeEnabled();
    expect(whyOf("bulk-undo")).toBeNull();

    await hubNowSays(client, marketingOwnsGroup);
    await waitFor(() => expect(screen.getByTestId("bulk-undo")).toBeDisabled());
    expect(whyOf("bulk-undo")).toBe(MARKETING_WHY);
    await user.hover(screen.getByTestId("bulk-undo").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(MARKETING_WHY);
    await user.click(screen.getByTestId("bulk-undo"));
    expect(operationsUndo, "a disabled link undoes nothing").not.toHaveBeenCalled();
    expect(screen.getByTestId("bulk-result"), "the message stays, saying what was done").toHaveTextContent("种子用户");

    await hubNowSays(client, viewer);
    await waitFor(() => expect(whyOf("bulk-undo")).toBe(VIEWER_WHY));
  });

  it("the_undo_of_a_bulk_delete_is_an_editors_whatever_groups_others_own_but_not_a_viewers", async () => {
    vi.mocked(myRights).mockResolvedValue(marketingOwnsGroup);
    const { user, client } = renderBar();
    await waitFor(() => expect(screen.getByTestId("bulk-delete")).toBeEnabled());
    await user.click(screen.getByTestId("bulk-delete"));
    expect(await screen.findByTestId("bulk-undo")).toBeEnabled();

    await hubNowSays(client, viewer);
    await waitFor(() => expect(screen.getByTestId("bulk-undo")).toBeDisabled());
    expect(whyOf("bulk-undo")).toBe(VIEWER_WHY);
  });

  it("a_result_that_cannot_be_undone_offers_no_link", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    renderWithProviders(<ActionResultAlert result={{ text: "已撤销，2 位客户恢复原样", changed: 2 }} onClose={vi.fn()} onUndoError={vi.fn()} />);
    expect(await screen.findByTestId("bulk-result")).toHaveTextContent("已撤销");
    expect(screen.queryByTestId("bulk-undo")).toBeNull();
  });

  it("the_archive_messages_undo_on_the_health_page_turns_disabled_with_the_reason_once_the_tags_group_is_another_departments", async () => {
    const { client } = await archiveOnHealthPage();
    expect(await screen.findByTestId("cleanup-undo")).toBeEnabled();

    await hubNowSays(client, marketingOwnsGroup);
    await waitFor(() => expect(screen.getByTestId("cleanup-undo")).toBeDisabled());
    expect(whyOf("cleanup-undo")).toBe(MARKETING_WHY);
  });

  it("the_archive_messages_undo_takes_back_the_archive_even_after_another_change", async () => {
    vi.mocked(operationsUndo).mockResolvedValue({ undone: [12], undo_operations: [14], changed: 0 });
    const { user } = await archiveOnHealthPage();
    const link = await screen.findByTestId("cleanup-undo");
    // Meanwhile the user tags someone: their latest operation is no longer the archive.
    vi.mocked(operationsMineLatest).mockResolvedValue(operation(13, "tag_add"));
    await user.click(link);
    await waitFor(() => expect(operationsUndo).toHaveBeenCalledWith([12]));
  });

  it("the_profiles_undo_turns_disabled_with_the_reason_once_the_hub_gives_the_tags_group_to_another_department", async () => {
    vi.mocked(myRights).mockResolvedValue(editorOf("销售部"));
    vi.mocked(taggingRemove).mockResolvedValue({ operation_id: 3, batch_id: 3, changed: 1, replaced: 0 });
    const groups = [{ group_id: GROUP, path: "营销 / 活动渠道", select_mode: "multi" as const, tags: [{ id: 4, name: "展会", color: "#fa8c16", source: "manual" as const, rule_name: null, actor: "李娜", at: 0 }] }];
    const { user, client } = renderWithProviders(<ProfileTags customerId={1} groups={groups} onChipClick={vi.fn()} onError={vi.fn()} />);
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    await user.click(screen.getByTestId("profile-tag").querySelector(".ant-tag-close-icon")!);
    expect(await screen.findByTestId("profile-undo")).toBeEnabled();

    await hubNowSays(client, marketingOwnsGroup);
    await waitFor(() => expect(screen.getByTestId("profile-undo")).toBeDisabled());
    expect(whyOf("profile-undo")).toBe(MARKETING_WHY);
  });
});

/** On the health page (off the hub), archives the unused tag 老客户 as operation 12. */
async function archiveOnHealthPage() {
  vi.mocked(myRights).mockResolvedValue(offHub);
  vi.mocked(healthReport).mockResolvedValue(healthWithUnusedTag());
  vi.mocked(healthWhereUsed).mockImplementation(async (id) => ({ node_id: id, segments: [], boards: [], rules: [], import_templates: [], weights: [] }));
  vi.mocked(tagsTree).mockResolvedValue({ nodes: [], total_customers: 1000 });
  vi.mocked(healthArchive).mockResolvedValue(1);
  vi.mocked(operationsMineLatest).mockResolvedValue(operation(12, "edit"));
  const rendered = renderWithProviders(<HealthPage />);
  const { user } = rendered;
  const table = await screen.findByTestId("cleanup-table");
  await within(table).findByText("老客户");
  await user.click(within(table).getAllByRole("checkbox")[1]!);
  await user.click(screen.getByTestId("cleanup-archive"));
  await user.click(await screen.findByTestId("cleanup-archive-ok"));
  return rendered;
}

function operation(id: number, kind: Operation["kind"]): Operation {
  return {
    id, uid: `d-${id}`, author: "李娜", device: "d", kind, source: "manual", at: 1_764_000_000, customers: 0, tags: 1,
    tag_name: "老客户", entity: null, action: null, file: null, undoes: null, undone_by: null, can_undo: true,
  };
}

/** A health report with one unused, empty tag (老客户) in [`GROUP`]. */
function healthWithUnusedTag(): HealthReport {
  const now = 1_764_900_000;
  return {
    thresholds: { stale_months: 6, unused_months: 6, jaccard_min: 0.8, containment_min_members: 5 },
    now,
    total_customers: 1000,
    usage_recorded_since: now - 400 * 86_400,
    tags: [
      {
        id: 3, name: "老客户", path: "活跃度 / 老客户", group_id: GROUP, archived: false, core: false, weight: 0, customers: 0, share: 0,
        last_changed_at: now - 240 * 86_400, last_used_at: null, last_used_by: null, missing: [],
      },
    ],
    groups: [],
    empty: [3],
    stale: [3],
    not_used: [3],
    duplicates: [],
    incomplete_tags: [],
    incomplete_groups: [],
    core_pool: { tags: [], covered: 0, share: 0, incomplete: [] },
    provenance_sample: 1,
    millis: 1,
  };
}
