//! Chooses which columns the customer list shows; the choice is remembered on this computer.
import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Dropdown, Flex } from "antd";
import { useTranslation } from "react-i18next";
import { COLUMNS, FIXED_COLUMNS, normaliseColumns, type ColumnKey } from "./columns";

export function ColumnChooser({ value, onChange }: { value: readonly ColumnKey[]; onChange: (keys: ColumnKey[]) => void }) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={["click"]}
      popupRender={() => (
        <Flex vertical gap={6} className="column-chooser" data-testid="column-chooser">
          {COLUMNS.map((c) => (
            <Checkbox
              key={c.key}
              data-testid={`column-${c.key}`}
              checked={value.includes(c.key)}
              disabled={FIXED_COLUMNS.includes(c.key)}
              onChange={(e) =>
                onChange(normaliseColumns(e.target.checked ? [...value, c.key] : value.filter((k) => k !== c.key)))
              }
            >
              {t(`customers.col.${c.key}`)}
            </Checkbox>
          ))}
        </Flex>
      )}
    >
      <Button icon={<SettingOutlined />} data-testid="column-chooser-button">
        {t("customers.columns")}
      </Button>
    </Dropdown>
  );
}
