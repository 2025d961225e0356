//! The saved segments, pinned first: open one, pin or unpin it, rename, duplicate, delete; a
//! right-click offers open, edit, duplicate, export members and delete. A viewer on the team hub
//! finds every change disabled with the reason (on hover), as the hub would refuse it.
import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined, PushpinFilled, PushpinOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Dropdown, Empty, Flex, Input, Modal, Popconfirm, Spin, Tag, Typography, type ButtonProps, type MenuProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { contextMenu } from "../../components/contextMenu";
import { errorText } from "../../components/errorText";
import { segmentsDelete, segmentsDuplicate, segmentsPin, segmentsUpdate, toIpcError, type Segment } from "../../lib/ipc";
import { invalidateSegmentData } from "../../lib/invalidate";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";

interface Props {
  /** Undefined while the list loads: not the same as none. */
  segments: readonly Segment[] | undefined;
  selectedId: number | null;
  onOpen: (id: number) => void;
  onNew: () => void;
  onDeleted: (id: number) => void;
  /** Opens the segment's condition in the builder. */
  onEdit?: (id: number) => void;
  /** Opens the export of the segment's members. */
  onExport?: (segment: Segment) => void;
}

export function SegmentList({ segments, selectedId, onOpen, onNew, onDeleted, onEdit, onExport }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [menu, setMenu] = useState<MenuProps | null>(null);
  const client = useQueryClient();
  const [renaming, setRenaming] = useState<Segment | null>(null);
  const [newName, setNewName] = useState("");
  const fail = (e: unknown) => message.error(errorText(t, toIpcError(e)));
  const done = () => invalidateSegmentData(client);
  const { readOnly } = useRights();

  const pin = useMutation({ mutationFn: (s: Segment) => segmentsPin(s.id, !s.pinned), onSuccess: done, onError: fail });
  const duplicate = useMutation({
    mutationFn: (s: Segment) => segmentsDuplicate(s.id),
    onSuccess: async (id) => {
      message.success(t("segments.list.duplicated"));
      await done();
      onOpen(id);
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: async (s: Segment) => {
      await segmentsDelete(s.id);
      return s;
    },
    onSuccess: async (s) => {
      message.success(t("segments.list.deleted", { name: s.name }));
      onDeleted(s.id);
      await done();
    },
    onError: fail,
  });
  const rename = useMutation({
    mutationFn: (s: Segment) => segmentsUpdate(s.id, { name: newName.trim(), kind: s.kind, condition: s.condition, pinned: s.pinned }),
    onSuccess: async () => {
      setRenaming(null);
      await done();
    },
    onError: fail,
  });

  const confirmDelete = (s: Segment) =>
    modal.confirm({
      title: t("segments.list.deleteConfirm", { name: s.name }),
      content: t("segments.list.deleteHelp"),
      okText: t("segments.list.delete"),
      okButtonProps: { danger: true, "data-testid": "segment-delete-confirm" } as ButtonProps,
      cancelText: t("common.cancel"),
      onOk: () => remove.mutate(s),
    });
  const menuFor = (s: Segment) =>
    contextMenu("segment", [
      { key: "open", label: t("segments.list.open"), run: () => onOpen(s.id) },
      ...(onEdit === undefined ? [] : [{ key: "edit", label: t("segments.list.edit"), why: readOnly, run: () => onEdit(s.id) }]),
      { key: "duplicate", label: t("segments.list.duplicate"), why: readOnly, run: () => duplicate.mutate(s) },
      ...(onExport === undefined ? [] : [{ key: "export", label: t("segments.list.exportMembers"), run: () => onExport(s) }]),
      { key: "delete", label: t("segments.list.delete"), danger: true, apart: true, why: readOnly, run: () => confirmDelete(s) },
    ]);

  return (
    <Flex vertical gap="small" className="segment-list" data-testid="segment-list">
      <Flex justify="space-between" align="center" gap="small" wrap>
        <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
          {t("segments.page.listTitle")}
        </Typography.Text>
        <WhyButton why={readOnly} size="small" type="primary" icon={<PlusOutlined />} data-testid="segment-new" onClick={onNew}>
          {t("segments.page.new")}
        </WhyButton>
      </Flex>
      {segments === undefined ? (
        <Flex gap="small" align="center" data-testid="segments-loading">
          <Spin size="small" />
          <Typography.Text type="secondary">{t("segments.page.loadingList")}</Typography.Text>
        </Flex>
      ) : segments.length === 0 ? (
        <Empty
          data-testid="segments-empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong>{t("segments.page.emptyList")}</Typography.Text>
              <Typography.Text type="secondary">{t("segments.page.emptyListHint")}</Typography.Text>
            </Flex>
          }
        />
      ) : (
        <Dropdown
          trigger={["contextMenu"]}
          open={menu !== null}
          onOpenChange={(open) => !open && setMenu(null)}
          menu={{ ...menu, onClick: (info) => { setMenu(null); menu?.onClick?.(info); } }}
        >
        <div role="list" onContextMenuCapture={() => setMenu(null)}>
          {segments.map((s) => (
            <div
              key={s.id}
              onContextMenu={(e) => {
                e.preventDefault();
                setMenu(menuFor(s));
              }}
              role="listitem"
              className={`segment-item${s.id === selectedId ? " segment-item-selected" : ""}`}
              data-testid={`segment-item-${s.id}`}
              data-name={s.name}
              data-pinned={s.pinned ? "true" : "false"}
            >
              <button type="button" className="segment-item-open" onClick={() => onOpen(s.id)} title={s.name}>
                <span className="segment-item-name">{s.name}</span>
                <Tag variant="filled" style={{ marginInlineEnd: 0 }}>
                  {t(`segments.kind.${s.kind}`)}
                </Tag>
              </button>
              <Flex gap={0} className="segment-item-actions">
                <WhyButton
                  why={readOnly}
                  hint={s.pinned ? t("segments.list.unpin") : t("segments.list.pin")}
                  size="small"
                  type="text"
                  aria-label={s.pinned ? t("segments.list.unpin") : t("segments.list.pin")}
                  icon={s.pinned ? <PushpinFilled style={{ color: "#1677ff" }} /> : <PushpinOutlined />}
                  data-testid={`segment-pin-${s.id}`}
                  data-pinned={s.pinned ? "true" : "false"}
                  onClick={() => pin.mutate(s)}
                />
                <WhyButton
                  why={readOnly}
                  hint={t("segments.list.rename")}
                  size="small"
                  type="text"
                  aria-label={t("segments.list.rename")}
                  icon={<EditOutlined />}
                  data-testid={`segment-rename-${s.id}`}
                  onClick={() => {
                    setNewName(s.name);
                    setRenaming(s);
                  }}
                />
                <WhyButton
                  why={readOnly}
                  hint={t("segments.list.duplicate")}
                  size="small"
                  type="text"
                  aria-label={t("segments.list.duplicate")}
                  icon={<CopyOutlined />}
                  data-testid={`segment-duplicate-${s.id}`}
                  onClick={() => duplicate.mutate(s)}
                />
                <Popconfirm
                  disabled={readOnly !== null}
                  title={t("segments.list.deleteConfirm", { name: s.name })}
                  description={t("segments.list.deleteHelp")}
                  okText={t("segments.list.delete")}
                  okButtonProps={{ danger: true, "data-testid": "segment-delete-confirm" } as ButtonProps}
                  cancelText={t("common.cancel")}
                  onConfirm={() => remove.mutate(s)}
                >
                  <WhyButton why={readOnly} size="small" type="text" danger aria-label={t("segments.list.delete")} icon={<DeleteOutlined />} data-testid={`segment-delete-${s.id}`} />
                </Popconfirm>
              </Flex>
            </div>
          ))}
        </div>
        </Dropdown>
      )}
      <Modal
        open={renaming !== null}
        title={t("segments.list.renameTitle")}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        okButtonProps={{ disabled: newName.trim() === "", loading: rename.isPending, "data-testid": "segment-rename-ok" } as ButtonProps}
        onOk={() => renaming !== null && rename.mutate(renaming)}
        onCancel={() => setRenaming(null)}
        destroyOnHidden
      >
        <Input data-testid="segment-rename-input" value={newName} maxLength={60} onChange={(e) => setNewName(e.target.value)} onPressEnter={() => renaming !== null && newName.trim() !== "" && rename.mutate(renaming)} />
      </Modal>
    </Flex>
  );
}
