//! Value: the automatic groups that grade customers (RFM 客户价值, 生命周期) and the
//! 今日必跟进 list by lead score. Runs keep manual choices in those groups, as rules do.
import { Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { FollowupsTab } from "./FollowupsTab";
import { LifecycleTab } from "./LifecycleTab";
import { RfmTab } from "./RfmTab";

export type ValueTab = "rfm" | "lifecycle" | "followups";

export function ValuePage({ initialTab = "rfm" }: { initialTab?: ValueTab }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string>(initialTab);
  return (
    <>
      <PageTitle>{t("nav.value")}</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: "rfm", label: <span data-testid="value-tab-rfm">{t("value.tabs.rfm")}</span>, children: <RfmTab /> },
          { key: "lifecycle", label: <span data-testid="value-tab-lifecycle">{t("value.tabs.lifecycle")}</span>, children: <LifecycleTab /> },
          { key: "followups", label: <span data-testid="value-tab-followups">{t("value.tabs.followups")}</span>, children: <FollowupsTab /> },
        ]}
      />
    </>
  );
}
