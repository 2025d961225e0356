import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersCount, customersDelete, taggingAdd, taggingRemove, tagsTree } from "../../lib/ipc";
import type { ListQuery } from "../../lib/queryKeys";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { BulkBar } from "./BulkBar";
import type { Selection } from "./selection";

const EVERYONE = 5000;
const UNFILTERED: ListQuery = { search: null, tag_ids: [], sort: null };

function renderBar(selection: Selection, query: ListQuery, total: number) {
  vi.mocked(tagsTree).mockResolvedValue({
    total_customers: EVERYONE,
    nodes: [tagNode(10, null, "早期用户", { kind: "group", select_mode: "multi" }), tagNode(11, 10, "种子用户")],
  });
  vi.mocked(taggingAdd).mockResolvedValue({ operation_id: 7, batch_id: 7, changed: total, replaced: 0 });
  vi.mocked(taggingRemove).mockResolvedValue({ operation_id: 8, batch_id: 8, changed: total, replaced: 0 });
  const onDone = vi.fn();
  const onError = vi.fn();
  const rendered = renderWithProviders(
    <BulkBar selection={selection} query={query} total={total} onDone={onDone} onError={onError} onExport={() => undefined} />,
  );
  return { ...rendered, onDone };
}

async function pickSeedTag(user: ReturnType<typeof renderBar>["user"], button: string) {
  await user.click(screen.getByTestId(button));
  await user.click(await screen.findByRole("option", { name: /种子用户/ }));
  await user.click(screen.getByTestId("tag-picker-ok"));
}

describe("BulkBar", () => {
  it("tagging_all_matching_with_no_search_or_filter_asks_first_with_the_count_of_everyone", async () => {
    vi.mocked(customersCount).mockResolvedValue(EVERYONE);
    const { user, onDone } = renderBar({ mode: "matching" }, UNFILTERED, EVERYONE);
    await pickSeedTag(user, "bulk-add-tag");
    const ask = await screen.findByTestId("everyone-confirm");
    expect(ask).toHaveTextContent("要为数据库中全部 5,000 位客户添加「种子用户」吗？");
    expect(taggingAdd, "nothing happens before the answer").not.toHaveBeenCalled();
    await user.click(screen.getByTestId("everyone-confirm-ok"));
    await waitFor(() =>
      expect(taggingAdd).toHaveBeenCalledWith({ type: "matching", query: { ...UNFILTERED, offset: 0, limit: 500 } }, 11),
    );
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });

  it("cancelling_the_question_about_everyone_tags_no_one", async () => {
    vi.mocked(customersCount).mockResolvedValue(EVERYONE);
    const { user } = renderBar({ mode: "matching" }, UNFILTERED, EVERYONE);
    await pickSeedTag(user, "bulk-remove-tag");
    expect(await screen.findByTestId("everyone-confirm")).toHaveTextContent("要从数据库中全部 5,000 位客户移除「种子用户」吗？");
    await user.click(screen.getByTestId("everyone-confirm-cancel"));
    expect(taggingRemove).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("bulk-remove-tag"));
    expect(await screen.findByRole("option", { name: /种子用户/ }), "the picker opens afresh").toBeInTheDocument();
    expect(taggingRemove).not.toHaveBeenCalled();
  });

  it("a_filter_that_matches_every_customer_also_asks", async () => {
    vi.mocked(customersCount).mockResolvedValue(EVERYONE);
    const { user } = renderBar({ mode: "matching" }, { ...UNFILTERED, tag_ids: [3] }, EVERYONE);
    await waitFor(() => expect(screen.getByTestId("selected-count")).toHaveTextContent("已选择 5,000 位客户"));
    await pickSeedTag(user, "bulk-add-tag");
    expect(await screen.findByTestId("everyone-confirm")).toBeInTheDocument();
    expect(taggingAdd).not.toHaveBeenCalled();
  });

  it("tagging_all_matching_a_narrower_search_states_the_exact_count_and_does_not_ask", async () => {
    // The list's total stops at 10,000 ("at least"); the action says how many it will touch.
    vi.mocked(customersCount).mockResolvedValue(12_345);
    const query = { ...UNFILTERED, search: "王" };
    const { user } = renderBar({ mode: "matching" }, query, 10_000);
    await waitFor(() => expect(screen.getByTestId("selected-count")).toHaveTextContent("已选择 12,345 位客户"));
    await user.click(screen.getByTestId("bulk-add-tag"));
    expect(await screen.findByText("为 12,345 位客户添加标签")).toBeInTheDocument();
    await user.click(await screen.findByRole("option", { name: /种子用户/ }));
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() => expect(taggingAdd).toHaveBeenCalled());
    expect(screen.queryByTestId("everyone-confirm")).not.toBeInTheDocument();
  });

  it("deleting_every_customer_asks_first", async () => {
    vi.mocked(customersCount).mockResolvedValue(40);
    vi.mocked(tagsTree).mockResolvedValue({ total_customers: 40, nodes: [] });
    const { user } = renderWithProviders(
      <BulkBar
        selection={{ mode: "matching" }}
        query={UNFILTERED}
        total={40}
        onDone={() => undefined}
        onError={() => undefined}
        onExport={() => undefined}
      />,
    );
    await user.click(screen.getByTestId("bulk-delete"));
    expect(await screen.findByTestId("everyone-confirm")).toHaveTextContent("要删除数据库中全部 40 位客户吗？");
    expect(customersDelete).not.toHaveBeenCalled();
  });

  it("picked_rows_are_tagged_without_a_question", async () => {
    const { user } = renderBar({ mode: "ids", ids: new Set([1, 2]) }, UNFILTERED, EVERYONE);
    await pickSeedTag(user, "bulk-add-tag");
    await waitFor(() => expect(taggingAdd).toHaveBeenCalledWith({ type: "customers", ids: [1, 2] }, 11));
    expect(screen.queryByTestId("everyone-confirm")).not.toBeInTheDocument();
    expect(customersCount, "no count is needed for picked rows").not.toHaveBeenCalled();
  });
});
