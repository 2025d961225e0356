//! Deleting a node: confirm first; a node still in use is not deleted silently — the user chooses
//! between merging it into another tag and deleting it with its assignments.
import { Button, Flex, Modal, Typography } from "antd";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { tagsDelete, toIpcError, type IpcError, type TagNode } from "../../lib/ipc";

interface Props {
  node: TagNode | null;
  onClose: () => void;
  onDeleted: (text: string) => void;
  onMerge: (node: TagNode) => void;
}

export function DeleteFlow({ node, onClose, onDeleted, onMerge }: Props) {
  const { t } = useTranslation();
  const [inUse, setInUse] = useState<IpcError | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    setInUse(null);
    setError(null);
  }, [node]);
  const remove = useMutation({
    mutationFn: ({ id, force }: { id: number; force: boolean }) => tagsDelete(id, force),
    onSuccess: (count) => node !== null && onDeleted(t("tagEdit.deleted", { name: node.name, count })),
    onError: (e, { force }) => {
      const err = toIpcError(e);
      if (err.code === "invalid" && !force) setInUse(err);
      else setError(err);
    },
  });
  const name = node?.name ?? "";
  return (
    <Modal
      open={node !== null}
      title={inUse === null ? t("tagEdit.deleteTitle", { name }) : t("tagEdit.inUseTitle", { name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap="small" wrap>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          {inUse === null ? (
            <Button danger type="primary" data-testid="delete-ok" loading={remove.isPending} onClick={() => node !== null && remove.mutate({ id: node.id, force: false })}>
              {t("tagEdit.delete")}
            </Button>
          ) : (
            <>
              {node?.kind === "tag" && (
                <Button data-testid="delete-merge" onClick={() => node !== null && onMerge(node)}>
                  {t("tagEdit.mergeInto")}
                </Button>
              )}
              <Button danger type="primary" data-testid="delete-force" loading={remove.isPending} onClick={() => node !== null && remove.mutate({ id: node.id, force: true })}>
                {t("tagEdit.deleteAnyway")}
              </Button>
            </>
          )}
        </Flex>
      }
    >
      {inUse === null ? (
        <Typography.Paragraph>{t("tagEdit.deleteBody")}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph data-testid="delete-in-use">{t("tagEdit.inUseBody")}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{inUse.message}</Typography.Paragraph>
        </>
      )}
      {error !== null && <ErrorAlert error={error} />}
    </Modal>
  );
}
