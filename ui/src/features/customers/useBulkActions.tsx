//! Adding or removing a tag and deleting, for some customers: the selection's bulk bar and the
//! list's right-click menu run this same code. An action on "all matching" that is every customer
//! in the database asks first, with the count.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TagPickerModal } from "../../components/TagPicker/TagPickerModal";
import { customersCount, customersDelete, customersList, customersRestore, taggingAdd, taggingRemove, tagsTree, toIpcError, type IpcError } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys, type ListQuery } from "../../lib/queryKeys";
import { useUndoOperations } from "../history/useUndoOperations";
import { useRights } from "../team/useRights";
import { taggingText, type ActionResult } from "./actionResult";
import { EveryoneConfirm, type EveryoneAction } from "./EveryoneConfirm";
import { toTarget, type Selection } from "./selection";

/** Deleting "all matching" needs their ids; beyond this many, narrow the search first. */
export const MAX_DELETE = 10_000;

interface Options {
  /** The page's selection: "all matching" makes the exact count worth asking for. */
  selection: Selection;
  query: ListQuery;
  total: number;
  onDone: (result: ActionResult) => void;
  onError: (error: IpcError) => void;
}

async function matchingIds(query: ListQuery, total: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < total; offset += 500) {
    const page = await customersList({ ...query, offset, limit: 500 });
    ids.push(...page.items.map((r) => r.id));
  }
  return ids;
}

export function useBulkActions({ selection, query, total, onDone, onError }: Options) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [picking, setPicking] = useState<{ action: "add" | "remove"; target: Selection } | null>(null);
  const [asking, setAsking] = useState<{ action: EveryoneAction; count: number; run: () => void } | null>(null);
  const tree = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  // The list's total is a lower bound past 10,000 matches; an action states the exact count.
  const exact = useQuery({
    queryKey: queryKeys.customersCount(query),
    queryFn: () => customersCount({ ...query, offset: 0, limit: 1 }),
    enabled: selection.mode === "matching",
  });
  const countOf = (target: Selection) => (target.mode === "matching" ? (exact.data ?? total) : target.ids.size);
  const unfiltered = (query.search ?? "").trim() === "" && query.tag_ids.length === 0;
  const everyone = tree.data?.total_customers;
  const touchesEveryone = (target: Selection) => target.mode === "matching" && (unfiltered || (exact.data !== undefined && exact.data === everyone));
  const tagName = (tagId: number) => tree.data?.nodes.find((n) => n.id === tagId)?.name ?? "";
  const groupOf = (tagId: number) => tree.data?.nodes.find((n) => n.id === tagId)?.parent_id ?? null;
  // What the team hub lets this person change: a viewer nothing, an editor not another department's groups.
  const rights = useRights();
  const mayGive = (tagId: number) => rights.groupLocked(groupOf(tagId)) === null;

  const undoOperations = useUndoOperations();
  const undoTagging = (operation: number) => async () => {
    const report = await undoOperations(operation);
    if (report !== null) onDone({ text: t("bulk.undone", { count: report.changed }), changed: report.changed });
  };

  const tagging = useMutation({
    mutationFn: ({ action, tagId, target }: { action: "add" | "remove"; tagId: number; target: Selection }) =>
      (action === "add" ? taggingAdd : taggingRemove)(toTarget(target, query), tagId),
    onSuccess: (report, { action, tagId }) => {
      setPicking(null);
      setAsking(null);
      onDone({ text: taggingText(t, action, report, tagName(tagId)), changed: report.changed, undo: undoTagging(report.operation_id), undoGroups: [groupOf(tagId)] });
      return invalidateCustomerData(client);
    },
    onError: (e) => {
      setAsking(null);
      onError(toIpcError(e));
    },
  });

  const removal = useMutation({
    mutationFn: async (target: Selection) => {
      const ids = target.mode === "ids" ? [...target.ids] : await matchingIds(query, total);
      const n = await customersDelete(ids);
      return { ids, n };
    },
    onSuccess: ({ ids, n }) => {
      setAsking(null);
      const undo = async () => {
        const back = await customersRestore(ids);
        await invalidateCustomerData(client);
        onDone({ text: t("bulk.restored", { count: back }), changed: back });
      };
      onDone({ text: t("bulk.deleted", { count: n }), changed: n, undo });
      return invalidateCustomerData(client);
    },
    onError: (e) => {
      setAsking(null);
      onError(toIpcError(e));
    },
  });

  const tooManyToDelete = (target: Selection) => target.mode === "matching" && total > MAX_DELETE;
  const remove = (target: Selection) => {
    if (tooManyToDelete(target)) return;
    if (touchesEveryone(target)) setAsking({ action: { kind: "delete" }, count: countOf(target), run: () => removal.mutate(target) });
    else removal.mutate(target);
  };
  const count = picking === null ? 0 : countOf(picking.target);

  const modals = (
    <>
      <TagPickerModal
        open={picking !== null}
        title={picking?.action === "remove" ? t("bulk.removeTagTitle", { count }) : t("bulk.addTagTitle", { count })}
        okText={picking?.action === "remove" ? t("bulk.removeTag") : t("bulk.addTag")}
        busy={tagging.isPending}
        onCancel={() => setPicking(null)}
        onConfirm={(tagId) => {
          if (picking === null) return;
          const { action, target } = picking;
          const run = () => tagging.mutate({ action, tagId, target });
          if (!touchesEveryone(target)) return run();
          setPicking(null);
          setAsking({ action: { kind: action, tag: tagName(tagId) }, count: countOf(target), run });
        }}
      />
      <EveryoneConfirm
        action={asking?.action ?? null}
        count={asking?.count ?? 0}
        busy={tagging.isPending || removal.isPending}
        onConfirm={() => asking?.run()}
        onCancel={() => setAsking(null)}
      />
    </>
  );

  return {
    /** How many customers `target` is, exactly when known. */
    countOf,
    /** Opens the tag picker to add (or remove) a tag for `target`. */
    startTagging: (action: "add" | "remove", target: Selection) => setPicking({ action, target }),
    /** Gives `tagId` to `target` at once (a suggested tag the user chose). */
    give: (tagId: number, target: Selection) => mayGive(tagId) && tagging.mutate({ action: "add", tagId, target }),
    /** Whether the team hub lets this person give (or take off) `tagId`. */
    mayGive,
    /** Why this person may change no customer (a viewer on the team hub), or null. */
    readOnly: rights.readOnly,
    remove,
    removing: removal.isPending,
    tooManyToDelete,
    /** The picker and the question about everyone; render them once. */
    modals,
  };
}
