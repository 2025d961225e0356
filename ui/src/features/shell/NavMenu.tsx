//! The left-hand menu; each label carries the `nav-<page>` id the e2e tests click.
import {
  CloudSyncOutlined,
  ClusterOutlined,
  FundOutlined,
  HistoryOutlined,
  MedicineBoxOutlined,
  SettingOutlined,
  SwapOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
} from "@ant-design/icons";
import { Menu } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PAGE_KEYS, type PageKey } from "./pages";

const ICONS: Record<PageKey, ReactNode> = {
  customers: <TeamOutlined />,
  tags: <TagsOutlined />,
  health: <MedicineBoxOutlined />,
  segments: <ClusterOutlined />,
  rules: <ThunderboltOutlined />,
  value: <FundOutlined />,
  io: <SwapOutlined />,
  team: <CloudSyncOutlined />,
  history: <HistoryOutlined />,
  settings: <SettingOutlined />,
};

function isPageKey(key: string): key is PageKey {
  return PAGE_KEYS.some((p) => p === key);
}

export function NavMenu({ current, onSelect }: { current: PageKey; onSelect: (page: PageKey) => void }) {
  const { t } = useTranslation();
  const items = PAGE_KEYS.map((key) => ({
    key,
    icon: ICONS[key],
    label: <span data-testid={`nav-${key}`}>{t(`nav.${key}`)}</span>,
  }));
  return (
    <Menu
      mode="inline"
      selectedKeys={[current]}
      items={items}
      onClick={({ key }) => {
        if (isPageKey(key)) onSelect(key);
      }}
      style={{ borderInlineEnd: "none" }}
    />
  );
}
