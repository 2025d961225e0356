//! A customer's tags grouped by group path in their colours: remove one, add one through the
//! picker, and undo the last change.
import { LockOutlined, PlusOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { Alert, Empty, Flex, Tag, Tooltip, Typography } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentTagsOf } from "../../../components/TagPicker/pickerLogic";
import { TagPickerModal } from "../../../components/TagPicker/TagPickerModal";
import { taggingAdd, taggingRemove, toIpcError, type IpcError, type ProfileTagGroup } from "../../../lib/ipc";
import { undoRefusal } from "../../history/UndoLink";
import { useUndoOperations } from "../../history/useUndoOperations";
import { invalidateCustomerData } from "../../../lib/invalidate";
import { taggingText } from "../actionResult";
import { sourceText } from "./sources";
import { authorName } from "../../../lib/author";
import { WhyButton } from "../../../components/Why";
import { useRights } from "../../team/useRights";

interface Props {
  customerId: number;
  groups: ProfileTagGroup[];
  onChipClick: (tag: { id: number; name: string }) => void;
  onError: (error: IpcError) => void;
}

export function ProfileTags({ customerId, groups, onChipClick, onError }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [picking, setPicking] = useState(false);
  // The last change made here, by its operation: the undo button takes back exactly that one.
  // Its tag's group, so the button mirrors the hub's rights for it when they change meanwhile.
  const [lastChange, setLastChange] = useState<{ text: string; operation: number; group: number | null } | null>(null);
  const undoOperations = useUndoOperations();
  const current = currentTagsOf(groups);
  const nameOf = (id: number) => current.find((c) => c.id === id)?.name;
  // The team hub's rights: a viewer changes no tag, an editor none of another department's groups.
  const rights = useRights();
  const { readOnly, groupLocked } = rights;

  const change = useMutation({
    mutationFn: async ({ action, tagId }: { action: "add" | "remove"; tagId: number; name: string; group: number | null }) =>
      (action === "add" ? taggingAdd : taggingRemove)({ type: "customers", ids: [customerId] }, tagId),
    onSuccess: (report, { action, name, group }) => {
      setPicking(false);
      setLastChange({ text: taggingText(t, action, report, name), operation: report.operation_id, group });
      return invalidateCustomerData(client);
    },
    onError: (e) => onError(toIpcError(e)),
  });
  const undo = useMutation({
    mutationFn: (operation: number) => undoOperations(operation),
    onSuccess: (report) => {
      if (report !== null) setLastChange(null);
    },
    onError: (e) => onError(toIpcError(e)),
  });

  return (
    <Flex vertical gap="small" data-testid="profile-tags">
      {groups.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("profile.noTags")} />}
      {groups.map((g) => {
        const locked = groupLocked(g.group_id);
        return (
          <Flex key={`${g.group_id ?? "none"}-${g.path}`} align="baseline" gap="small" wrap>
            <Typography.Text type="secondary" style={{ minWidth: 160 }}>
              {g.path}
              {g.select_mode === "single" && (
                <Tag variant="filled" style={{ marginInlineStart: 6 }}>
                  {t("tags.single")}
                </Tag>
              )}
              {/* A viewer reads the reason at the top of the profile. */}
              {locked !== null && readOnly === null && (
                <Tooltip title={locked}>
                  <LockOutlined style={{ marginInlineStart: 6 }} aria-label={locked} data-testid="profile-group-locked" />
                </Tooltip>
              )}
            </Typography.Text>
            <Flex gap={4} wrap>
              {g.tags.map((tag) => (
                <Tooltip key={tag.id} title={t("profile.tagBy", { actor: authorName(t, tag.actor), source: sourceText(t, tag.source, tag.rule_name) })}>
                  <Tag
                    color={tag.color}
                    closable={locked === null}
                    data-testid="profile-tag"
                    data-name={tag.name}
                    data-source={tag.source}
                    data-rule={tag.rule_name ?? undefined}
                    icon={tag.rule_name === null ? undefined : <ThunderboltOutlined />}
                    closeIcon={<span aria-label={t("profile.removeTag", { tag: tag.name })} data-testid="profile-tag-remove">×</span>}
                    onClose={(e) => {
                      // The tag disappears when the backend says so, not before.
                      e.preventDefault();
                      change.mutate({ action: "remove", tagId: tag.id, name: tag.name, group: g.group_id });
                    }}
                    style={{ marginInlineEnd: 0 }}
                  >
                    <span className="tag-chip" data-testid="tag-chip" data-name={tag.name} onClick={() => onChipClick(tag)}>
                      {tag.name}
                    </span>
                  </Tag>
                </Tooltip>
              ))}
            </Flex>
          </Flex>
        );
      })}
      <Flex gap="small" align="center" wrap>
        <WhyButton why={readOnly} icon={<PlusOutlined />} data-testid="profile-add-tag" onClick={() => setPicking(true)} loading={change.isPending}>
          {t("bulk.addTag")}
        </WhyButton>
      </Flex>
      {lastChange !== null && (
        <Alert
          type="success"
          showIcon
          data-testid="profile-change"
          title={lastChange.text}
          action={
            <WhyButton why={undoRefusal(rights, [lastChange.group])} size="small" type="link" data-testid="profile-undo" loading={undo.isPending} onClick={() => undo.mutate(lastChange.operation)}>
              {t("common.undo")}
            </WhyButton>
          }
        />
      )}
      <TagPickerModal
        open={picking}
        title={t("profile.addTagTitle")}
        okText={t("bulk.addTag")}
        current={current}
        busy={change.isPending}
        onCancel={() => setPicking(false)}
        onConfirm={(tagId) => {
          const name = nameOf(tagId);
          // The picker knows names; look it up from the tree cache when the customer lacks the tag.
          const tree = client.getQueryData<{ nodes: { id: number; name: string; parent_id: number | null }[] }>(["tags_tree"]);
          const node = tree?.nodes.find((n) => n.id === tagId);
          change.mutate({ action: "add", tagId, name: name ?? node?.name ?? "", group: node?.parent_id ?? null });
        }}
      />
    </Flex>
  );
}
