//! The 导入导出 page: the import wizard with the export panel beside it.
import { Col, Row } from "antd";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { ExportPanel } from "./ExportPanel";
import { ImportWizard } from "./ImportWizard";

export function IoPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t("io.title")}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <ImportWizard />
        </Col>
        <Col xs={24} xl={7}>
          <ExportPanel />
        </Col>
      </Row>
    </>
  );
}
