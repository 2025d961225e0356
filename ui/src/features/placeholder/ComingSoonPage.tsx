//! Stand-in for pages that later versions fill in; says what the page will do.
import { ClockCircleOutlined } from "@ant-design/icons";
import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";

type Upcoming = "rules" | "insights";

export function ComingSoonPage({ page }: { page: Upcoming }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t(`nav.${page}`)}</PageTitle>
      <Result
        data-testid="coming-soon"
        icon={<ClockCircleOutlined />}
        title={t("soon.title")}
        subTitle={t(`soon.${page}`)}
      />
    </>
  );
}
