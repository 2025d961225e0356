//! The rule's action: add a tag, remove a tag, or set a single-select group, with the tag
//! chosen in the same tag picker the customers page uses.
import { Button, Flex, Radio, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TagPickerModal } from "../../components/TagPicker/TagPickerModal";
import type { TagNode } from "../../lib/ipc";
import { excludedFor, singleGroupOf, type ActionType } from "./rule";

const TYPES: readonly ActionType[] = ["add_tag", "remove_tag", "set_group"];

interface Props {
  type: ActionType;
  tagId: number | null;
  nodes: readonly TagNode[];
  onChange: (type: ActionType, tagId: number | null) => void;
}

export function ActionField({ type, tagId, nodes, onChange }: Props) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const tag = nodes.find((n) => n.id === tagId);
  const group = tagId === null ? undefined : singleGroupOf(tagId, nodes);
  return (
    <Flex gap="middle" align="center" wrap>
      <Radio.Group
        value={type}
        data-testid="rule-action-type"
        optionType="button"
        onChange={(e) => {
          const next = e.target.value as ActionType;
          // A tag outside a single-select group cannot be a group's value.
          onChange(next, next === "set_group" && tagId !== null && singleGroupOf(tagId, nodes) === undefined ? null : tagId);
        }}
      >
        {TYPES.map((ty) => (
          <Radio.Button key={ty} value={ty}>
            <span data-testid={`rule-action-${ty}`}>{t(`rules.action.${ty}`)}</span>
          </Radio.Button>
        ))}
      </Radio.Group>
      {tag !== undefined && (
        <span data-testid="rule-action-tag" data-name={tag.name}>
          {type === "set_group" && group !== undefined && <span style={{ marginInlineEnd: 6 }}>{group.name} =</span>}
          <Tag color={tag.effective_color}>{tag.name}</Tag>
        </span>
      )}
      <Button data-testid="rule-action-pick" onClick={() => setPicking(true)}>
        {tag === undefined ? t("rules.action.pick") : t("rules.action.change")}
      </Button>
      <TagPickerModal
        open={picking}
        title={type === "set_group" ? t("rules.action.pickSingle") : t("rules.action.pickTitle")}
        exclude={excludedFor(type, nodes)}
        onCancel={() => setPicking(false)}
        onConfirm={(id) => {
          setPicking(false);
          onChange(type, id);
        }}
      />
    </Flex>
  );
}
