//! A customer's tags as coloured chips, the first few in full and the rest as "+N".
import { Flex, Tag, Tooltip } from "antd";
import type { TagChip } from "../../lib/ipc";

const SHOWN = 4;

export function TagChips({ tags }: { tags: TagChip[] }) {
  const shown = tags.slice(0, SHOWN);
  const rest = tags.slice(SHOWN);
  return (
    <Flex wrap gap={4}>
      {shown.map((chip) => (
        <Tag key={chip.id} color={chip.color} style={{ marginInlineEnd: 0 }}>
          {chip.name}
        </Tag>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map((chip) => chip.name).join(" · ")}>
          <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
