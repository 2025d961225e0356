//! What an empty database shows instead of an empty table: what to do next.
import { ImportOutlined } from "@ant-design/icons";
import { Button, Empty } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "../shell/navigation";

export function EmptyCustomers() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="customers-empty">
      <Empty description={t("customers.empty")} style={{ marginBlock: 64 }}>
        <Button type="primary" icon={<ImportOutlined />} data-testid="customers-go-import" onClick={() => navigate("io")}>
          {t("customers.goImport")}
        </Button>
      </Empty>
    </div>
  );
}
