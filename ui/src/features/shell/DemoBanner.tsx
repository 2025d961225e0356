//! Tells the user they are looking at demo data, and offers to start their own database.
import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import { useDbActions } from "../db/useDbActions";

export function DemoBanner() {
  const { t } = useTranslation();
  const { createNew, busy } = useDbActions();
  return (
    <div data-testid="demo-banner">
      <Alert
        banner
        type="info"
        showIcon
        title={t("demo.message")}
        action={
          <Button
            size="small"
            type="primary"
            data-testid="start-own-db"
            loading={createNew.isPending}
            disabled={busy}
            onClick={() => createNew.mutate()}
          >
            {t("demo.startOwn")}
          </Button>
        }
      />
    </div>
  );
}
