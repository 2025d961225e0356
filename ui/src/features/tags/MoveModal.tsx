//! Moves a node under another parent, chosen from a list: the keyboard's and the right-click
//! menu's way to do what dragging in the tree does.
import { Modal, Select, Typography, type ButtonProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { tagsMove, toIpcError, type IpcError, type TagNode } from "../../lib/ipc";
import { endPosition, moveTargets } from "./moveTargets";
import { useTreeRights } from "./useTreeRights";

interface Props {
  node: TagNode | null;
  nodes: readonly TagNode[];
  onClose: () => void;
  onDone: (text: string) => void;
  onError: (error: IpcError) => void;
}

export function MoveModal({ node, nodes, onClose, onDone, onError }: Props) {
  const { t } = useTranslation();
  const [parent, setParent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = useTreeRights(nodes);
  // Into a group the team hub would not let this person change is no place to move to.
  const targets = node === null ? [] : moveTargets(node, nodes).filter((m) => locked(nodes.find((n) => n.id === m.parentId)) === null);
  const move = () => {
    if (node === null || parent === null) return;
    const parentId = parent === "root" ? null : Number(parent);
    setBusy(true);
    tagsMove(node.id, parentId, endPosition(parentId, nodes))
      .then(() => onDone(t("tagEdit.moved")))
      .catch((e: unknown) => onError(toIpcError(e)))
      .finally(() => {
        setBusy(false);
        setParent(null);
      });
  };
  return (
    <Modal
      open={node !== null}
      title={t("tagEdit.moveTitle", { name: node?.name ?? "" })}
      okText={t("tagEdit.move")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: parent === null, loading: busy, "data-testid": "tag-move-ok" } as ButtonProps}
      onOk={move}
      onCancel={() => {
        setParent(null);
        onClose();
      }}
      destroyOnHidden
    >
      {targets.length === 0 ? (
        <Typography.Text type="secondary">{t("tagEdit.moveNowhere")}</Typography.Text>
      ) : (
        <Select
          data-testid="tag-move-parent"
          style={{ width: "100%" }}
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("tagEdit.moveParent")}
          value={parent}
          onChange={setParent}
          options={targets.map((m) => ({ value: m.parentId === null ? "root" : String(m.parentId), label: m.parentId === null ? t("picker.topLevel") : m.path }))}
        />
      )}
    </Modal>
  );
}
