//! Enabling a rule whose current version was never previewed asks first.
import type { useAppProps } from "antd/es/app/context";
import type { TFunction } from "i18next";

export function confirmEnable(modal: useAppProps["modal"], t: TFunction): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      title: t("rules.enable.confirmTitle"),
      content: t("rules.enable.confirmBody"),
      okText: t("rules.enable.confirmOk"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "rule-enable-confirm" },
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
