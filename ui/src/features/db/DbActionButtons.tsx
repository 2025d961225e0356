//! The "open another / create new / open demo" buttons, offered wherever a database can be switched:
//! the problem screen, the integrity banner and Settings.
import { ExperimentOutlined, FolderOpenOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { useDbActions } from "./useDbActions";

type Actions = ReturnType<typeof useDbActions>;
export type DbAction = "openOther" | "createNew" | "openDemo";

const ICONS: Record<DbAction, ReactNode> = {
  openOther: <FolderOpenOutlined />,
  createNew: <PlusOutlined />,
  openDemo: <ExperimentOutlined />,
};
const TEST_IDS: Record<DbAction, string> = { openOther: "open-other", createNew: "create-new", openDemo: "open-demo" };

interface Props {
  actions: Actions;
  /** Test ids are `<prefix>-open-other`, `<prefix>-create-new`, `<prefix>-open-demo`. */
  testIdPrefix: string;
  offer?: readonly DbAction[];
  /** The first action is drawn as the primary one. */
  primaryFirst?: boolean;
  compact?: boolean;
}

export function DbActionButtons({ actions, testIdPrefix, offer = ["openOther", "createNew", "openDemo"], primaryFirst, compact }: Props) {
  const { t } = useTranslation();
  return (
    <Space wrap={!compact} orientation={compact ? "vertical" : "horizontal"} size="small" style={compact ? undefined : { justifyContent: "center" }}>
      {offer.map((action, i) => (
        <Button
          key={action}
          type={primaryFirst && i === 0 ? "primary" : "default"}
          size={compact ? "small" : "middle"}
          block={compact}
          icon={ICONS[action]}
          data-testid={`${testIdPrefix}-${TEST_IDS[action]}`}
          loading={actions[action].isPending}
          disabled={actions.busy}
          onClick={() => actions[action].mutate()}
        >
          {t(`db.${action}`)}
        </Button>
      ))}
    </Space>
  );
}
