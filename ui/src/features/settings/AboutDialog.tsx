//! About TagDesk: the version the shell reports, the open database and the data folder, and the
//! keyboard shortcuts.
import { InfoCircleOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Descriptions, Modal, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { appVersion } from "../../lib/ipc/window";

const SHORTCUTS = ["palette", "search", "lists", "menu", "undo", "close"] as const;

export function AboutButton({ databasePath, dataDir }: { databasePath: string; dataDir: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<InfoCircleOutlined />} data-testid="about-open" onClick={() => setOpen(true)}>
        {t("about.open")}
      </Button>
      <AboutDialog open={open} databasePath={databasePath} dataDir={dataDir} onClose={() => setOpen(false)} />
    </>
  );
}

interface Props {
  open: boolean;
  databasePath: string;
  dataDir: string;
  onClose: () => void;
}

export function AboutDialog({ open, databasePath, dataDir, onClose }: Props) {
  const { t } = useTranslation();
  const version = useQuery({ queryKey: ["app_version"], queryFn: appVersion, enabled: open, staleTime: Infinity });
  return (
    <Modal open={open} title={t("about.title")} footer={null} onCancel={onClose} destroyOnHidden width={620}>
      <Descriptions
        size="small"
        bordered
        column={1}
        data-testid="about-dialog"
        items={[
          {
            key: "version",
            label: t("about.version"),
            children: version.isPending ? <Spin size="small" /> : <span data-testid="about-version">{version.data ?? "—"}</span>,
          },
          {
            key: "database",
            label: t("about.database"),
            children: (
              <Typography.Text code copyable data-testid="about-database">
                {databasePath}
              </Typography.Text>
            ),
          },
          {
            key: "dataDir",
            label: t("about.dataDir"),
            children: (
              <Typography.Text code copyable data-testid="about-data-dir">
                {dataDir}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("about.shortcuts")}
      </Typography.Title>
      <ul style={{ paddingInlineStart: 20, margin: 0 }}>
        {SHORTCUTS.map((k) => (
          <li key={k}>
            <Typography.Text>{t(`about.keys.${k}`)}</Typography.Text>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
