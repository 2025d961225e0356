//! Warns that the background integrity check found the open database file damaged, and offers the
//! same ways out as the problem screen: open another file, start a new one, or look at the demo.
import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { DbActionButtons } from "./DbActionButtons";
import { useDbActions } from "./useDbActions";

export function IntegrityBanner({ problem }: { problem: string }) {
  const { t } = useTranslation();
  const actions = useDbActions();
  return (
    <div data-testid="integrity-banner">
      <Alert
        banner
        type="error"
        showIcon
        title={t("integrity.damaged")}
        description={
          <>
            <div data-testid="integrity-problem">{t("integrity.problem", { problem })}</div>
            <Typography.Text type="secondary">{t("integrity.hint")}</Typography.Text>
          </>
        }
        action={
          <DbActionButtons actions={actions} testIdPrefix="integrity" primaryFirst compact />
        }
      />
    </div>
  );
}
