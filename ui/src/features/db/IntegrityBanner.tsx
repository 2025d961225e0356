//! Warns that the background integrity check found the open database file damaged, and offers the
//! same ways out as the problem screen: open another file, start a new one, or look at the demo.
import { ExperimentOutlined, FolderOpenOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
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
          <Space orientation="vertical" size="small">
            <Button
              size="small"
              type="primary"
              block
              icon={<FolderOpenOutlined />}
              data-testid="integrity-open-other"
              loading={actions.openOther.isPending}
              disabled={actions.busy}
              onClick={() => actions.openOther.mutate()}
            >
              {t("db.openOther")}
            </Button>
            <Button
              size="small"
              block
              icon={<PlusOutlined />}
              data-testid="integrity-create-new"
              loading={actions.createNew.isPending}
              disabled={actions.busy}
              onClick={() => actions.createNew.mutate()}
            >
              {t("db.createNew")}
            </Button>
            <Button
              size="small"
              block
              icon={<ExperimentOutlined />}
              data-testid="integrity-open-demo"
              loading={actions.openDemo.isPending}
              disabled={actions.busy}
              onClick={() => actions.openDemo.mutate()}
            >
              {t("db.openDemo")}
            </Button>
          </Space>
        }
      />
    </div>
  );
}
