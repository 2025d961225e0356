//! A folder chosen in the system's folder dialog, shown in full so the user sees which one it is.
import { FolderOpenOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { pickFolder } from "../../lib/ipc/dialog";

interface Props {
  value: string | null;
  onChange: (folder: string) => void;
  /** The dialog's title: what the folder is for. */
  title: string;
  testId: string;
  disabled?: boolean;
}

export function FolderField({ value, onChange, title, testId, disabled }: Props) {
  const { t } = useTranslation();
  const choose = async () => {
    const folder = await pickFolder(title);
    if (folder !== null) onChange(folder);
  };
  return (
    <Flex gap="small" align="center" wrap>
      <Button icon={<FolderOpenOutlined />} data-testid={`${testId}-choose`} disabled={disabled} onClick={() => void choose()}>
        {value === null ? t("team.chooseFolder") : t("team.otherFolder")}
      </Button>
      {value === null ? (
        <Typography.Text type="secondary">{t("team.noFolderYet")}</Typography.Text>
      ) : (
        <Typography.Text code data-testid={`${testId}-path`} ellipsis={{ tooltip: value }} style={{ maxWidth: 320 }}>
          {value}
        </Typography.Text>
      )}
    </Flex>
  );
}
