//! Actions on the selected node, offered only where its kind allows them; an unavailable one
//! says on hover what to select first, or why the team hub would refuse it.
import { ApartmentOutlined, DeleteOutlined, EditOutlined, FolderAddOutlined, InboxOutlined, MergeCellsOutlined, TagOutlined } from "@ant-design/icons";
import { Button, Flex, Tooltip, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import type { IpcError, TagNode } from "../../lib/ipc";
import type { NameTask } from "./NodeNameModal";
import { useArchiveToggle } from "./useArchiveToggle";
import { useTreeRights } from "./useTreeRights";
import { allowedActions, createParent, unavailableReason, type Action } from "./treeEdit";

interface Props {
  selected: TagNode | null;
  selectedTags: TagNode[];
  nodes: readonly TagNode[];
  onName: (task: NameTask) => void;
  onMerge: (sources: TagNode[]) => void;
  onDelete: (node: TagNode) => void;
  onDone: (text: string) => void;
  onError: (error: IpcError) => void;
}

export function TreeToolbar({ selected, selectedTags, nodes, onName, onMerge, onDelete, onDone, onError }: Props) {
  const { t } = useTranslation();
  const allowed = allowedActions(selected, nodes);
  const parent = createParent(selected, nodes);
  const toggleArchive = useArchiveToggle(onDone, onError);
  const archive = () => selected !== null && toggleArchive(selected);
  const can = (a: (typeof allowed)[number]) => allowed.includes(a);
  const locked = useTreeRights(nodes);
  // The hub's reason first: selecting something else would not help.
  const refused = (action: Action) => {
    if (action.startsWith("create-")) return locked(parent);
    if (action === "merge") return selectedTags.map(locked).find((w) => w !== null) ?? locked(selected);
    return locked(selected);
  };
  const why = (action: Action) => {
    const reason = unavailableReason(action, selected, selectedTags, nodes);
    return refused(action) ?? (reason === null ? null : t(reason));
  };
  return (
    <Flex gap="small" wrap data-testid="tag-toolbar">
      <ToolButton why={why} refused={refused} action="create-category" icon={<FolderAddOutlined />} data-testid="tag-create-category" disabled={!can("create-category")} onClick={() => onName({ type: "create", kind: "category", parent })}>
        {t("tagEdit.createCategory")}
      </ToolButton>
      <ToolButton why={why} refused={refused} action="create-group" icon={<ApartmentOutlined />} data-testid="tag-create-group" disabled={!can("create-group")} onClick={() => onName({ type: "create", kind: "group", parent })}>
        {t("tagEdit.createGroup")}
      </ToolButton>
      <ToolButton why={why} refused={refused} action="create-tag" icon={<TagOutlined />} data-testid="tag-create-tag" disabled={!can("create-tag")} onClick={() => onName({ type: "create", kind: "tag", parent })}>
        {t("tagEdit.createTag")}
      </ToolButton>
      <ToolButton why={why} refused={refused} action="rename" icon={<EditOutlined />} data-testid="tag-rename" disabled={!can("rename") || selected === null} onClick={() => selected !== null && onName({ type: "rename", node: selected })}>
        {t("tagEdit.rename")}
      </ToolButton>
      <ToolButton why={why} refused={refused} action="archive" icon={<InboxOutlined />} data-testid="tag-archive" disabled={!can("archive")} onClick={archive}>
        {selected?.archived === true ? t("tagEdit.unarchive") : t("tagEdit.archive")}
      </ToolButton>
      <ToolButton why={why} refused={refused} action="merge" icon={<MergeCellsOutlined />} data-testid="tag-merge" disabled={!can("merge") || selectedTags.length === 0} onClick={() => onMerge(selectedTags)}>
        {t("tagEdit.merge")}
      </ToolButton>
      <ToolButton why={why} refused={refused} action="delete" icon={<DeleteOutlined />} danger data-testid="tag-delete" disabled={!can("delete") || selected === null} onClick={() => selected !== null && onDelete(selected)}>
        {t("tagEdit.delete")}
      </ToolButton>
    </Flex>
  );
}

/** A toolbar button; disabled, it names in a tooltip what to select first. */
function ToolButton({ action, why, refused, disabled, ...props }: ButtonProps & { action: Action; why: (action: Action) => string | null; refused: (action: Action) => string | null }) {
  const off = disabled === true || refused(action) !== null;
  return (
    // The span takes the hover a disabled button does not.
    <Tooltip title={off ? (why(action) ?? undefined) : undefined}>
      <span data-testid={`${String((props as Record<string, unknown>)["data-testid"])}-why`}>
        <Button {...props} disabled={off} />
      </span>
    </Tooltip>
  );
}
