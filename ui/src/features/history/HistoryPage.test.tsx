import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { operationsBlockers, operationsList, operationsMineLatest, operationsUndo, type Operation } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { HistoryPage } from "./HistoryPage";
import { useUndoShortcut } from "./useUndoShortcut";

function op(id: number, over: Partial<Operation> = {}): Operation {
  return {
    id,
    uid: `d-${id}`,
    author: "李娜",
    device: "d",
    kind: "tag_add",
    source: "manual",
    at: 1_764_000_000,
    customers: 1200,
    tags: 1,
    tag_name: "VIP",
    entity: null,
    action: null,
    file: null,
    undoes: null,
    undone_by: null,
    can_undo: true,
    ...over,
  };
}

const page = (items: Operation[]) => ({ items, more: false, authors: ["李娜", "王强"] });

describe("HistoryPage", () => {
  it("lists_operations_newest_first_in_words_and_says_loading_before_it_knows", async () => {
    let answer: (v: ReturnType<typeof page>) => void = () => undefined;
    vi.mocked(operationsList).mockReturnValue(new Promise((r) => (answer = r)));
    renderWithProviders(<HistoryPage />);
    expect(screen.queryByTestId("history-empty")).toBeNull();

    answer(page([op(2, { kind: "rules_run", author: "规则", customers: 30, tags: 2, can_undo: true }), op(1, { undone_by: 3, can_undo: false })]));

    const rows = await screen.findAllByTestId("history-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["2", "1"]);
    expect(rows[0]).toHaveTextContent("规则运行：改动 30 位客户的 2 个标签");
    expect(rows[1]).toHaveTextContent("为 1,200 位客户添加「VIP」");
    expect(within(rows[1]!).getByTestId("history-undone")).toHaveTextContent("#3");
  });

  it("filters_by_who", async () => {
    vi.mocked(operationsList).mockResolvedValue(page([op(1)]));
    const { user } = renderWithProviders(<HistoryPage />);
    await screen.findAllByTestId("history-row");
    await user.click(within(screen.getByTestId("history-author")).getByRole("combobox"));
    await user.click(await screen.findByTitle("王强"));
    await waitFor(() => expect(operationsList).toHaveBeenLastCalledWith(expect.objectContaining({ author: "王强", limit: 50 })));
  });

  it("an_undo_blocked_by_later_operations_names_them_and_undoes_them_together_when_asked", async () => {
    vi.mocked(operationsList).mockResolvedValue(page([op(1)]));
    vi.mocked(operationsUndo).mockRejectedValueOnce({ code: "undo_blocked", message: "", path: null, field: null }).mockResolvedValueOnce({ undone: [5, 1], undo_operations: [6, 7], changed: 1200 });
    vi.mocked(operationsBlockers).mockResolvedValue([op(5, { author: "王强", kind: "tag_remove", customers: 3 })]);
    const { user } = renderWithProviders(<HistoryPage />);
    await user.click(await screen.findByTestId("history-undo"));

    const blocked = await screen.findByTestId("undo-blocked");
    expect(within(blocked).getByTestId("undo-blocker")).toHaveTextContent("#5 · 王强 · 从 3 位客户移除「VIP」");
    await user.click(screen.getByTestId("undo-together"));

    await waitFor(() => expect(operationsUndo).toHaveBeenLastCalledWith([1, 5]));
  });
});

function Shortcut() {
  useUndoShortcut();
  return <input data-testid="field" />;
}

describe("useUndoShortcut", () => {
  it("ctrl_z_undoes_the_users_own_latest_operation_but_not_while_typing", async () => {
    vi.mocked(operationsMineLatest).mockResolvedValue(op(9));
    vi.mocked(operationsUndo).mockResolvedValue({ undone: [9], undo_operations: [10], changed: 1200 });
    renderWithProviders(<Shortcut />);

    fireEvent.keyDown(screen.getByTestId("field"), { key: "z", ctrlKey: true });
    expect(operationsMineLatest).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: "z", ctrlKey: true });

    await waitFor(() => expect(operationsUndo).toHaveBeenCalledWith([9]));
    expect(await screen.findByText("已撤销：为 1,200 位客户添加「VIP」")).toBeInTheDocument();
  });
});
