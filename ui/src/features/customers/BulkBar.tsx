//! Actions on the selected customers: add or remove a tag, delete (with undo). An action on
//! "all matching" that is every customer in the database asks first, with the count.
import { DeleteOutlined, ExportOutlined, MinusCircleOutlined, PlusCircleOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TagPickerModal } from "../../components/TagPicker/TagPickerModal";
import {
  customersCount,
  customersDelete,
  customersList,
  customersRestore,
  taggingAdd,
  taggingRemove,
  tagsTree,
  toIpcError,
  type IpcError,
} from "../../lib/ipc";
import { useUndoOperations } from "../history/useUndoOperations";
import { invalidateCustomerData } from "../../lib/invalidate";
import { queryKeys, type ListQuery } from "../../lib/queryKeys";
import { taggingText, type ActionResult } from "./actionResult";
import { EveryoneConfirm, type EveryoneAction } from "./EveryoneConfirm";
import { toTarget, type Selection } from "./selection";

/** Deleting "all matching" needs their ids; beyond this many, narrow the search first. */
export const MAX_DELETE = 10_000;

interface Props {
  selection: Selection;
  query: ListQuery;
  total: number;
  onDone: (result: ActionResult) => void;
  onError: (error: IpcError) => void;
  /** Opens the export options for the selection. */
  onExport: () => void;
}

async function matchingIds(query: ListQuery, total: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < total; offset += 500) {
    const page = await customersList({ ...query, offset, limit: 500 });
    ids.push(...page.items.map((r) => r.id));
  }
  return ids;
}

export function BulkBar({ selection, query, total, onDone, onError, onExport }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [picking, setPicking] = useState<"add" | "remove" | null>(null);
  const tree = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const matchingAll = selection.mode === "matching";
  // The list's total is a lower bound past 10,000 matches; an action states the exact count.
  const exact = useQuery({
    queryKey: queryKeys.customersCount(query),
    queryFn: () => customersCount({ ...query, offset: 0, limit: 1 }),
    enabled: matchingAll,
  });
  const count = matchingAll ? (exact.data ?? total) : selection.ids.size;
  const unfiltered = (query.search ?? "").trim() === "" && query.tag_ids.length === 0;
  const everyone = tree.data?.total_customers;
  const touchesEveryone = matchingAll && (unfiltered || (exact.data !== undefined && exact.data === everyone));
  const [asking, setAsking] = useState<{ action: EveryoneAction; run: () => void } | null>(null);
  const tagName = (tagId: number) => tree.data?.nodes.find((n) => n.id === tagId)?.name ?? "";

  const undoOperations = useUndoOperations();
  const undoTagging = (operation: number) => async () => {
    const report = await undoOperations(operation);
    if (report !== null) onDone({ text: t("bulk.undone", { count: report.changed }), changed: report.changed });
  };

  const tagging = useMutation({
    mutationFn: ({ action, tagId }: { action: "add" | "remove"; tagId: number }) =>
      (action === "add" ? taggingAdd : taggingRemove)(toTarget(selection, query), tagId),
    onSuccess: (report, { action, tagId }) => {
      setPicking(null);
      setAsking(null);
      const name = tagName(tagId);
      onDone({ text: taggingText(t, action, report, name), changed: report.changed, undo: undoTagging(report.operation_id) });
      return invalidateCustomerData(client);
    },
    onError: (e) => {
      setAsking(null);
      onError(toIpcError(e));
    },
  });

  const remove = useMutation({
    mutationFn: async () => {
      const ids = selection.mode === "ids" ? [...selection.ids] : await matchingIds(query, total);
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

  const tooManyToDelete = selection.mode === "matching" && total > MAX_DELETE;
  return (
    <Flex align="center" gap="small" wrap className="bulk-bar" data-testid="bulk-bar">
      <Typography.Text strong data-testid="selected-count">
        {t("bulk.selected", { count })}
      </Typography.Text>
      <Button icon={<PlusCircleOutlined />} type="primary" data-testid="bulk-add-tag" onClick={() => setPicking("add")}>
        {t("bulk.addTag")}
      </Button>
      <Button icon={<MinusCircleOutlined />} data-testid="bulk-remove-tag" onClick={() => setPicking("remove")}>
        {t("bulk.removeTag")}
      </Button>
      <Button icon={<ExportOutlined />} data-testid="bulk-export" onClick={onExport}>
        {t("bulk.export")}
      </Button>
      <Button
        icon={<DeleteOutlined />}
        danger
        data-testid="bulk-delete"
        loading={remove.isPending}
        disabled={tooManyToDelete}
        title={tooManyToDelete ? t("bulk.tooManyToDelete", { max: MAX_DELETE }) : undefined}
        onClick={() => (touchesEveryone ? setAsking({ action: { kind: "delete" }, run: () => remove.mutate() }) : remove.mutate())}
      >
        {t("bulk.delete")}
      </Button>
      <TagPickerModal
        open={picking !== null}
        title={picking === "remove" ? t("bulk.removeTagTitle", { count }) : t("bulk.addTagTitle", { count })}
        okText={picking === "remove" ? t("bulk.removeTag") : t("bulk.addTag")}
        busy={tagging.isPending}
        onCancel={() => setPicking(null)}
        onConfirm={(tagId) => {
          if (picking === null) return;
          const run = () => tagging.mutate({ action: picking, tagId });
          if (!touchesEveryone) return run();
          setPicking(null);
          setAsking({ action: { kind: picking, tag: tagName(tagId) }, run });
        }}
      />
      <EveryoneConfirm
        action={asking?.action ?? null}
        count={count}
        busy={tagging.isPending || remove.isPending}
        onConfirm={() => asking?.run()}
        onCancel={() => setAsking(null)}
      />
    </Flex>
  );
}
