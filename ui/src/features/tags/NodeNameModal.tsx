//! Creates a category, group or tag, or renames a node: a name (and, for a new group, single or
//! multi). While the name is typed, siblings with a close name (the core decides which) are
//! named with a link to them, so 高活 is not created beside 高活跃 by mistake.
import { Alert, Flex, Form, Input, Modal, Radio, Typography, type ButtonProps } from "antd";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { tagsCloseNames, tagsCreate, tagsUpdate, toIpcError, type IpcError, type NodeKind, type SelectMode, type TagNode } from "../../lib/ipc";
import { editOf } from "./dictionary";
import { problemText } from "../../problems";

export type NameTask = { type: "create"; kind: NodeKind; parent: TagNode | null } | { type: "rename"; node: TagNode };

interface Props {
  task: NameTask | null;
  onClose: () => void;
  onDone: (text: string, createdId?: number) => void;
  /** Shows an existing node (a sibling whose name is close to the one typed). */
  onShow: (id: number) => void;
}

export function NodeNameModal({ task, onClose, onDone, onShow }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [mode, setMode] = useState<SelectMode>("multi");
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    setName(task?.type === "rename" ? task.node.name : "");
    setMode("multi");
    setError(null);
  }, [task]);

  const typed = name.trim();
  const parentId = task === null ? null : task.type === "rename" ? task.node.parent_id : (task.parent?.id ?? null);
  const exceptId = task?.type === "rename" ? task.node.id : null;
  const close = useQuery({
    queryKey: ["tags_close_names", parentId, typed, exceptId],
    queryFn: () => tagsCloseNames(parentId, typed, exceptId),
    enabled: task !== null && typed !== "" && !(task.type === "rename" && typed === task.node.name),
    placeholderData: keepPreviousData,
  });
  const closeNames = typed === "" ? [] : (close.data ?? []);

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
  const invalidName = error !== null && error.field === "name";
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
          help={invalidName && error !== null ? problemText(error.problem) : undefined}
        >
          <Input data-testid="node-name-input" autoFocus value={name} maxLength={60} onChange={(e) => setName(e.target.value)} onPressEnter={() => name.trim() !== "" && save.mutate()} />
        </Form.Item>
        {closeNames.length > 0 && (
          <Alert
            type={closeNames.some((c) => c.closeness === "same") ? "error" : "warning"}
            showIcon
            data-testid="close-names"
            style={{ marginBottom: 16 }}
            title={t("tagEdit.close.title")}
            description={
              <Flex vertical gap={4}>
                {closeNames.map((c) => (
                  <Flex key={c.id} gap="small" wrap data-testid="close-name" data-id={c.id} data-closeness={c.closeness}>
                    <Typography.Text>{t(`tagEdit.close.${c.closeness}`, { name: c.name })}</Typography.Text>
                    <Typography.Link data-testid="close-name-open" onClick={() => onShow(c.id)}>
                      {t("tagEdit.close.open", { name: c.name })}
                    </Typography.Link>
                  </Flex>
                ))}
              </Flex>
            }
          />
        )}
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
