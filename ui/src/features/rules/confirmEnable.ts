//! The rule questions: enabling a version never previewed, running a rule just enabled, and
//! leaving the editor with unsaved changes.
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

/** After a rule is switched on: run it now over every customer, or wait for the next run? */
export function offerRun(modal: useAppProps["modal"], t: TFunction, name: string): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      title: t("rules.enable.runNowTitle", { name }),
      content: t("rules.enable.runNowBody"),
      okText: t("rules.enable.runNowOk"),
      cancelText: t("rules.enable.runNowLater"),
      okButtonProps: { "data-testid": "rule-run-now" },
      cancelButtonProps: { "data-testid": "rule-run-later" },
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

/** Leaving the editor with unsaved changes: true when the person chooses to drop them. */
export function confirmDiscard(modal: useAppProps["modal"], t: TFunction): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      title: t("rules.leave.title"),
      content: t("rules.leave.body"),
      okText: t("rules.leave.ok"),
      cancelText: t("rules.leave.stay"),
      okButtonProps: { danger: true, "data-testid": "rule-leave-confirm" },
      cancelButtonProps: { "data-testid": "rule-leave-stay" },
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
