//! In the tag picker for one customer: "customers with A and B usually also have C", from the
//! customers who hold every tag this one holds (support and lift over them, as the health page
//! computes). A suggestion only highlights the tag in the picker; nothing is given until the
//! person confirms, as with any other choice.
import { BulbOutlined } from "@ant-design/icons";
import { Button, Flex, Tooltip, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { healthSuggestions, type Selection } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import type { CurrentTag } from "./pickerLogic";

const SHOWN = 3;

export function PickerSuggestions({ current, allowed, onPick }: { current: readonly CurrentTag[]; allowed: (tagId: number) => boolean; onPick: (tagId: number) => void }) {
  const { t } = useTranslation();
  const held = current.map((c) => c.id).sort((a, b) => a - b);
  const selection: Selection = { type: "condition", condition: { type: "tags", tag_ids: held, mode: "all" } };
  const query = { limit: SHOWN + held.length };
  const list = useQuery({
    queryKey: queryKeys.healthSuggestions(selection, query),
    queryFn: () => healthSuggestions(selection, query),
    enabled: held.length > 0,
  });
  const shown = (list.data?.suggestions ?? []).filter((s) => !held.includes(s.tag_id) && allowed(s.tag_id)).slice(0, SHOWN);
  if (held.length === 0 || shown.length === 0) return null;
  const names = current.map((c) => c.name).join(t("health.listSeparator"));
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <Flex align="center" gap={4} wrap data-testid="picker-suggestions">
      <Typography.Text type="secondary">
        <BulbOutlined /> {t("health.suggest.pickerIntro", { names })}
      </Typography.Text>
      {shown.map((s) => (
        <Tooltip key={s.tag_id} title={t("health.suggest.pickerWhy", { support: pct(s.support), base: pct(s.base_share), lift: s.lift.toFixed(1) })}>
          <Button size="small" type="dashed" onClick={() => onPick(s.tag_id)} data-testid="picker-suggestion">
            {s.name} · {pct(s.support)}
          </Button>
        </Tooltip>
      ))}
    </Flex>
  );
}
