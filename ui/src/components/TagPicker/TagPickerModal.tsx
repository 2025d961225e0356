//! The tag picker in a modal, fed by the cached tag tree.
import { Modal } from "antd";
import { useQuery } from "@tanstack/react-query";
import { tagsTree } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import type { CurrentTag } from "./pickerLogic";
import { TagPicker } from "./TagPicker";

interface Props {
  open: boolean;
  title: string;
  okText?: string;
  current?: readonly CurrentTag[];
  exclude?: readonly number[];
  busy?: boolean;
  onConfirm: (tagId: number) => void;
  onCancel: () => void;
}

export function TagPickerModal({ open, title, onCancel, ...rest }: Props) {
  const tree = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree, enabled: open });
  return (
    <Modal open={open} title={title} footer={null} onCancel={onCancel} destroyOnHidden width={560}>
      <TagPicker nodes={tree.data?.nodes ?? []} onCancel={onCancel} {...rest} />
    </Modal>
  );
}
