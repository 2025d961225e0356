//! A customer's tags as coloured chips, the first few in full and the rest as "+N".
//! Clicking a chip filters the customer list by that tag.
import { Flex, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { TagChip } from "../../lib/ipc";

const SHOWN = 3;

export function TagChips({ tags, onChipClick }: { tags: TagChip[]; onChipClick?: (chip: TagChip) => void }) {
  const { t } = useTranslation();
  const shown = tags.slice(0, SHOWN);
  const rest = tags.slice(SHOWN);
  return (
    <Flex gap={4} style={{ overflow: "hidden", flexWrap: "nowrap" }}>
      {shown.map((chip) => (
        <Tooltip key={chip.id} title={onChipClick === undefined ? undefined : t("customers.filterByTag")}>
          <Tag
            color={chip.color}
            style={{ marginInlineEnd: 0 }}
            className="tag-chip"
            data-testid="tag-chip"
            data-name={chip.name}
            onClick={(e) => {
              e.stopPropagation();
              onChipClick?.(chip);
            }}
          >
            {chip.name}
          </Tag>
        </Tooltip>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map((chip) => chip.name).join(" · ")}>
          <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
