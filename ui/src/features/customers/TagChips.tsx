//! A customer's tags as coloured chips: as many as fit the room given, then "+N", with every tag
//! listed on hovering the "+N". Clicking a chip filters the customer list by that tag, which its
//! hover text says. That text is the element's own title rather than an antd Tooltip: a Tooltip
//! per chip on every row cost the first screen ~0.2 s of WebKit's CPU on a 2-core machine
//! (docs/BENCHMARKS.md, "Starting the app").
import { Flex, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { TagChip } from "../../lib/ipc";
import { chipsThatFit, textWidth } from "./chipFit";

/** Without a known room (small previews), this many chips show. */
const SHOWN = 3;

export function TagChips({ tags, room, onChipClick }: { tags: TagChip[]; room?: number; onChipClick?: (chip: TagChip) => void }) {
  const { t } = useTranslation();
  const count = room === undefined ? Math.min(SHOWN, tags.length) : chipsThatFit(tags.map((c) => c.name), room, textWidth);
  const shown = tags.slice(0, count);
  const rest = tags.length - count;
  return (
    <Flex gap={4} style={{ overflow: "hidden", flexWrap: "nowrap" }} data-testid="tag-chips" data-hidden={rest}>
      {shown.map((chip) => (
        <Tag
          key={chip.id}
          title={onChipClick === undefined ? undefined : t("customers.filterByTag")}
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
      ))}
      {rest > 0 && (
        <Tooltip title={tags.map((chip) => chip.name).join(" · ")}>
          <Tag style={{ marginInlineEnd: 0 }} data-testid="tag-chips-more">
            +{rest}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
