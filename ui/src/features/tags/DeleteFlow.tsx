//! Deleting a node: one dialog. A tag known to be in use (or one the backend says still has
//! history) is not deleted silently: the same dialog offers to merge it into a chosen tag (its
//! customers and history follow) or to delete it with its assignments.
import { Button, Flex, Modal, Select, Typography } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { tagsDelete, tagsMerge, toIpcError, type IpcError, type TagNode } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { WhereUsedList } from "../health/WhereUsedList";
import { useTagsTree } from "./useTagsTree";
import { problemText } from "../../problems";

interface Props {
  node: TagNode | null;
  onClose: () => void;
  onDeleted: (text: string) => void;
}

export function DeleteFlow({ node, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tree = useTagsTree();
  const [inUse, setInUse] = useState<IpcError | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  useEffect(() => {
    setInUse(null);
    setError(null);
    setTarget(null);
  }, [node]);
  const remove = useMutation({
    mutationFn: ({ id, force }: { id: number; force: boolean }) => tagsDelete(id, force),
    onSuccess: (count) => node !== null && onDeleted(t("tagEdit.deleted", { name: node.name, count })),
    onError: (e, { force }) => {
      const err = toIpcError(e);
      if (err.code === "in_use" && !force) setInUse(err);
      else setError(err);
    },
  });
  const nodes = useMemo(() => tree.data?.nodes ?? [], [tree.data]);
  const merge = useMutation({
    mutationFn: ({ id, into }: { id: number; into: number }) => tagsMerge([id], into),
    onSuccess: async (report, { into }) => {
      await invalidateCustomerData(client);
      const targetName = nodes.find((n) => n.id === into)?.name ?? "";
      if (node !== null) onDeleted(t("tagEdit.mergedInto", { name: node.name, target: targetName, moved: report.moved }));
    },
    onError: (e) => setError(toIpcError(e)),
  });
  // Other live tags, named with their group so two 其他 can be told apart.
  const targets = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return nodes
      .filter((n) => n.kind === "tag" && !n.archived && n.id !== node?.id)
      .map((n) => {
        const parent = n.parent_id === null ? undefined : byId.get(n.parent_id);
        return { value: n.id, label: parent === undefined ? n.name : `${parent.name} / ${n.name}` };
      });
  }, [nodes, node]);

  const name = node?.name ?? "";
  const isTag = node?.kind === "tag";
  // A tag that customers carry is known to be in use before anything is tried.
  const showInUse = inUse !== null || (isTag && (node?.customer_count ?? 0) > 0);
  return (
    <Modal
      open={node !== null}
      title={showInUse ? t("tagEdit.inUseTitle", { name }) : t("tagEdit.deleteTitle", { name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap="small" wrap>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          {showInUse ? (
            <Button danger type="primary" data-testid="delete-force" loading={remove.isPending} onClick={() => node !== null && remove.mutate({ id: node.id, force: true })}>
              {t("tagEdit.deleteAnyway")}
            </Button>
          ) : (
            <Button danger type="primary" data-testid="delete-ok" loading={remove.isPending} onClick={() => node !== null && remove.mutate({ id: node.id, force: false })}>
              {t("tagEdit.delete")}
            </Button>
          )}
        </Flex>
      }
    >
      {showInUse ? (
        <Flex vertical gap="small">
          <Typography.Paragraph data-testid="delete-in-use" style={{ marginBottom: 0 }}>
            {t("tagEdit.inUseBody")}
          </Typography.Paragraph>
          {inUse !== null && <Typography.Text type="secondary">{problemText(inUse.problem)}</Typography.Text>}
          {isTag && (
            <Flex gap="small" align="center" wrap data-testid="delete-merge-row">
              <Typography.Text>{t("tagEdit.mergeHere")}</Typography.Text>
              <Select<number>
                showSearch={{ optionFilterProp: "label" }}
                style={{ flex: 1, minWidth: 200 }}
                placeholder={t("tagEdit.mergeHerePlaceholder")}
                options={targets}
                value={target ?? undefined}
                onChange={setTarget}
                data-testid="delete-merge-target"
              />
              <Button
                type="primary"
                data-testid="delete-merge"
                disabled={target === null}
                loading={merge.isPending}
                onClick={() => node !== null && target !== null && merge.mutate({ id: node.id, into: target })}
              >
                {t("tagEdit.mergeHereOk")}
              </Button>
            </Flex>
          )}
        </Flex>
      ) : (
        <Typography.Paragraph>{t("tagEdit.deleteBody")}</Typography.Paragraph>
      )}
      {node !== null && <WhereUsedList ids={[node.id]} names={new Map([[node.id, node.name]])} />}
      {error !== null && <ErrorAlert error={error} />}
    </Modal>
  );
}
