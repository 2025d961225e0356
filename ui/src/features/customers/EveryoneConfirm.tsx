//! The last question before a bulk action touches every customer in the database: a search
//! typed wrong or a filter forgotten must not tag (or delete) everyone on one click.
import { Modal, Typography, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";

export type EveryoneAction = { kind: "add" | "remove"; tag: string } | { kind: "delete" };

interface Props {
  /** The action waiting for the answer, or null when nothing is asked. */
  action: EveryoneAction | null;
  count: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function EveryoneConfirm({ action, count, busy, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const question =
    action === null
      ? ""
      : action.kind === "delete"
        ? t("bulk.everyoneDelete", { count })
        : t(action.kind === "add" ? "bulk.everyoneAdd" : "bulk.everyoneRemove", { count, tag: action.tag });
  return (
    <Modal
      open={action !== null}
      title={t("bulk.everyoneTitle")}
      okText={t("bulk.everyoneConfirm", { count })}
      okButtonProps={{ danger: true, "data-testid": "everyone-confirm-ok" } as ButtonProps}
      cancelButtonProps={{ "data-testid": "everyone-confirm-cancel" } as ButtonProps}
      confirmLoading={busy}
      onOk={onConfirm}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div data-testid="everyone-confirm">
        <Typography.Paragraph strong>{question}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t("bulk.everyoneHint")}</Typography.Paragraph>
      </div>
    </Modal>
  );
}
