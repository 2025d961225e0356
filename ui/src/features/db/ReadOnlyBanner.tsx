//! Says that the open database file is read-only: it can be read and exported, and every change is refused.
import { Alert } from "antd";
import { useTranslation } from "react-i18next";

export function ReadOnlyBanner() {
  const { t } = useTranslation();
  return (
    <div data-testid="read-only-banner">
      <Alert banner type="warning" showIcon title={t("readOnly.title")} description={t("readOnly.description")} />
    </div>
  );
}
