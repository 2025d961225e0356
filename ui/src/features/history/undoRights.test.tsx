import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { myRights, operationsList, operationsMineLatest, operationsUndo, taggingLast, taggingRemove, type Operation } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { offHub, viewer } from "../../test/rights";
import { UndoLastButton } from "../customers/UndoLastButton";
import { ProfileTags } from "../customers/profile/ProfileTags";
import { RIGHTS_KEY } from "../team/useRights";
import { HistoryPage } from "./HistoryPage";
import { useUndoShortcut } from "./useUndoShortcut";

const VIEWER_WHY = "你在团队中心的角色是「只读」：可以查看，不能修改";

function op(id: number, over: Partial<Operation> = {}): Operation {
  return {
    id, uid: `d-${id}`, author: "李娜", device: "d", kind: "tag_add", source: "manual", at: 1_764_000_000, customers: 3, tags: 1,
    tag_name: "VIP", entity: null, action: null, file: null, undoes: null, undone_by: null, can_undo: true, ...over,
  };
}

function Shortcut() {
  useUndoShortcut();
  return <span data-testid="shortcut" />;
}

describe("undo under the team hub's rights", () => {
  it("a_viewer_finds_undo_last_disabled_and_the_reason_on_hover", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    vi.mocked(taggingLast).mockResolvedValue(op(4));
    const { user } = renderWithProviders(<UndoLastButton onResult={vi.fn()} onError={vi.fn()} />);
    await waitFor(() => expect(screen.getByTestId("undo-last")).toHaveAttribute("data-operation", "4"));
    await waitFor(() => expect(screen.getByTestId("undo-last")).toBeDisabled());
    await user.hover(screen.getByTestId("undo-last").parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(VIEWER_WHY);
  });

  it("off_a_hub_undo_last_is_enabled_and_names_what_it_undoes", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    vi.mocked(taggingLast).mockResolvedValue(op(4));
    renderWithProviders(<UndoLastButton onResult={vi.fn()} onError={vi.fn()} />);
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId("undo-last")).toBeEnabled());
  });

  it("the_profiles_undo_is_disabled_with_the_reason_once_the_hub_makes_this_person_a_viewer", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    vi.mocked(taggingRemove).mockResolvedValue({ operation_id: 3, batch_id: 3, changed: 1, replaced: 0 });
    const groups = [{ group_id: 3, path: "销售 / 跟进状态", select_mode: "single" as const, tags: [{ id: 4, name: "待唤醒", color: "#1677ff", source: "manual" as const, rule_name: null, actor: "李娜", at: 0 }] }];
    const { user, client } = renderWithProviders(<ProfileTags customerId={1} groups={groups} onChipClick={vi.fn()} onError={vi.fn()} />);
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    await user.click(screen.getByTestId("profile-tag").querySelector(".ant-tag-close-icon")!);
    expect(await screen.findByTestId("profile-undo")).toBeEnabled();

    vi.mocked(myRights).mockResolvedValue(viewer);
    await client.invalidateQueries({ queryKey: RIGHTS_KEY });
    await waitFor(() => expect(screen.getByTestId("profile-undo")).toBeDisabled());
    expect(screen.getByTestId("profile-undo").closest("[data-why]")).toHaveAttribute("data-why", VIEWER_WHY);
  });

  it("a_viewer_finds_the_history_pages_undo_and_redo_disabled_with_the_reason", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    vi.mocked(operationsList).mockResolvedValue({ items: [op(2, { kind: "undo", undoes: 1 }), op(1)], more: false, authors: ["李娜"] });
    const { user } = renderWithProviders(<HistoryPage />);
    await screen.findAllByTestId("history-row");
    await waitFor(() => screen.getAllByTestId("history-undo").forEach((b) => expect(b).toBeDisabled()));
    expect(screen.getAllByTestId("history-undo")).toHaveLength(2);
    await user.hover(screen.getAllByTestId("history-undo")[0]!.parentElement!);
    expect(await screen.findByRole("tooltip")).toHaveTextContent(VIEWER_WHY);
  });

  it("off_a_hub_the_history_pages_undo_is_enabled", async () => {
    vi.mocked(myRights).mockResolvedValue(offHub);
    vi.mocked(operationsList).mockResolvedValue({ items: [op(1)], more: false, authors: ["李娜"] });
    renderWithProviders(<HistoryPage />);
    await screen.findAllByTestId("history-row");
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    expect(screen.getByTestId("history-undo")).toBeEnabled();
  });

  it("a_viewer_pressing_ctrl_z_is_told_why_and_nothing_is_undone", async () => {
    vi.mocked(myRights).mockResolvedValue(viewer);
    vi.mocked(operationsMineLatest).mockResolvedValue(op(9));
    renderWithProviders(<Shortcut />);
    await waitFor(() => expect(myRights).toHaveBeenCalled());
    // The answer reaches the hook a tick after the query resolves.
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(await screen.findByText(VIEWER_WHY)).toBeInTheDocument();
    expect(operationsMineLatest).not.toHaveBeenCalled();
    expect(operationsUndo).not.toHaveBeenCalled();
  });
});
