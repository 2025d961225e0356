//! The backups of a database that failed to open, each with a button that restores it.
import { HistoryOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { fileName, formatBytes, formatDateTime } from "../../lib/format";
import type { BackupInfo } from "../../lib/ipc";

interface Props {
  backups: BackupInfo[];
  onRestore: (path: string) => void;
  restoringPath: string | null;
  disabled: boolean;
}

export function BackupList({ backups, onRestore, restoringPath, disabled }: Props) {
  const { t, i18n } = useTranslation();
  if (backups.length === 0) {
    return <Typography.Text type="secondary">{t("problem.noBackups")}</Typography.Text>;
  }
  return (
    <Flex vertical gap="small" role="list">
      {backups.map((b) => (
        <Flex key={b.path} role="listitem" align="center" justify="space-between" gap="middle" className="backup-row">
          <Flex vertical>
            <Typography.Text strong>{formatDateTime(b.made_at, i18n.language)}</Typography.Text>
            <Typography.Text type="secondary">
              {formatBytes(b.size_bytes)} · {fileName(b.path)}
            </Typography.Text>
          </Flex>
          <Button
            data-testid="problem-restore"
            icon={<HistoryOutlined />}
            loading={restoringPath === b.path}
            disabled={disabled && restoringPath !== b.path}
            onClick={() => onRestore(b.path)}
          >
            {t("db.restore")}
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}
