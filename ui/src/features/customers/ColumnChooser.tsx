//! Chooses which columns the customer list shows; the choice is remembered on this computer.
import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Divider, Dropdown, Flex } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomField } from "../../lib/ipc";
import { COLUMNS, customColumnKey, FIXED_COLUMNS, normaliseColumns, type ColumnKey } from "./columns";

interface Props {
  value: readonly ColumnKey[];
  onChange: (keys: ColumnKey[]) => void;
  /** Custom fields in use, offered after the built-in columns. */
  fields: readonly CustomField[];
}

export function ColumnChooser({ value, onChange, fields }: Props) {
  const { t } = useTranslation();
  const toggle = (key: ColumnKey, on: boolean) => onChange(normaliseColumns(on ? [...value, key] : value.filter((k) => k !== key)));
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
              onChange={(e) => toggle(c.key, e.target.checked)}
            >
              {t(`customers.col.${c.key}`)}
            </Checkbox>
          ))}
          {fields.length > 0 && <Divider style={{ margin: "2px 0" }} />}
          {fields.map((f) => {
            const key = customColumnKey(f.id);
            return (
              <Checkbox
                key={key}
                data-testid={`column-custom-${f.id}`}
                data-label={f.label}
                checked={value.includes(key)}
                onChange={(e) => toggle(key, e.target.checked)}
              >
                {f.label}
              </Checkbox>
            );
          })}
        </Flex>
      )}
    >
      <Button icon={<SettingOutlined />} data-testid="column-chooser-button">
        {t("customers.columns")}
      </Button>
    </Dropdown>
  );
}
