//! Beside a selection of customers: tags that many of them hold and customers at large rarely
//! do ("customers with A and B usually also have C"), each with its numbers, as buttons that give
//! the tag to the whole selection. Offered only, never applied on their own; a small selection
//! asks nothing.
import { BulbOutlined } from "@ant-design/icons";
import { Button, Flex, Tooltip, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { healthSuggestions, type Selection } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";

/** Fewer selected customers than this make no pattern worth offering. */
const MIN_SELECTED = 3;
const SHOWN = 3;

interface Props {
  ids: ReadonlySet<number>;
  /** Whether this person may give the tag (the team hub's rights); others are not offered. */
  allowed?: (tagId: number) => boolean;
  onGive: (tagId: number) => void;
}

export function SuggestedTags({ ids, allowed = () => true, onGive }: Props) {
  const { t } = useTranslation();
  // Ticking rows one after another asks once, when the ticking pauses.
  const settled = useDebouncedValue(ids, 400);
  const selection: Selection = { type: "customers", ids: [...settled].sort((a, b) => a - b) };
  const query = { limit: SHOWN };
  const list = useQuery({
    queryKey: queryKeys.healthSuggestions(selection, query),
    queryFn: () => healthSuggestions(selection, query),
    enabled: settled.size >= MIN_SELECTED,
  });
  const shown = settled.size >= MIN_SELECTED ? (list.data?.suggestions ?? []).filter((s) => allowed(s.tag_id)) : [];
  if (shown.length === 0) return null;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <Flex align="center" gap={4} wrap data-testid="suggested-tags">
      <Typography.Text type="secondary">
        <BulbOutlined /> {t("health.suggest.alsoHave")}
      </Typography.Text>
      {shown.map((s) => (
        <Tooltip key={s.tag_id} title={t("health.suggest.why", { support: pct(s.support), base: pct(s.base_share), lift: s.lift.toFixed(1), count: s.would_get })}>
          <Button size="small" type="dashed" onClick={() => onGive(s.tag_id)} data-testid="suggested-tag">
            + {s.name} · {pct(s.support)}
          </Button>
        </Tooltip>
      ))}
    </Flex>
  );
}
