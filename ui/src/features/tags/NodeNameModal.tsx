//! Creates a category, group or tag, or renames a node: a name (and, for a new group, single or multi).
import { Form, Input, Modal, Radio, Typography, type ButtonProps } from "antd";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { tagsCreate, tagsUpdate, toIpcError, type IpcError, type NodeKind, type SelectMode, type TagNode } from "../../lib/ipc";
import { editOf } from "./dictionary";

export type NameTask = { type: "create"; kind: NodeKind; parent: TagNode | null } | { type: "rename"; node: TagNode };

interface Props {
  task: NameTask | null;
  onClose: () => void;
  onDone: (text: string, createdId?: number) => void;
}

export function NodeNameModal({ task, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [mode, setMode] = useState<SelectMode>("multi");
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    setName(task?.type === "rename" ? task.node.name : "");
    setMode("multi");
    setError(null);
  }, [task]);

  const save = useMutation({
    mutationFn: async (): Promise<number | undefined> => {
      if (task === null) return undefined;
      const clean = name.trim();
      if (task.type === "rename") {
        await tagsUpdate(task.node.id, { ...editOf(task.node), name: clean });
        return undefined;
      }
      return tagsCreate({
        parent_id: task.parent?.id ?? null,
        kind: task.kind,
        name: clean,
        select_mode: task.kind === "group" ? mode : null,
        color: null,
      });
    },
    onSuccess: (id) => {
      const clean = name.trim();
      onDone(task?.type === "rename" ? t("tagEdit.renamed", { name: clean }) : t("tagEdit.created", { name: clean }), id);
    },
    onError: (e) => setError(toIpcError(e)),
  });

  const title =
    task === null ? "" : task.type === "rename" ? t("tagEdit.renameTitle", { name: task.node.name }) : t(`tagEdit.createTitle.${task.kind}`);
  const invalidName = error !== null && (error.field === "name" || error.code === "already_exists");
  return (
    <Modal
      open={task !== null}
      title={title}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText={t("common.ok")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "modal-ok", disabled: name.trim() === "", loading: save.isPending } as ButtonProps}
      destroyOnHidden
    >
      {task?.type === "create" && (
        <Typography.Paragraph type="secondary">
          {t("tagEdit.under", { parent: task.parent?.name ?? t("tagEdit.topLevel") })}
        </Typography.Paragraph>
      )}
      <Form layout="vertical" onFinish={() => save.mutate()}>
        <Form.Item
          label={t("tagEdit.name")}
          validateStatus={invalidName ? "error" : undefined}
          help={invalidName ? error?.message : undefined}
        >
          <Input data-testid="node-name-input" autoFocus value={name} maxLength={60} onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() !== "" && save.mutate()} />
        </Form.Item>
        {task?.type === "create" && task.kind === "group" && (
          <Form.Item label={t("tags.field.selectMode")}>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as SelectMode)}>
              <Radio value="single" data-testid="select-mode-single">
                {t("tags.single")}
              </Radio>
              <Radio value="multi" data-testid="select-mode-multi">
                {t("tags.multi")}
              </Radio>
            </Radio.Group>
          </Form.Item>
        )}
      </Form>
      {error !== null && !invalidName && <ErrorAlert error={error} />}
    </Modal>
  );
}
