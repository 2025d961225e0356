//! Tags: the whole tag tree with counts and coverage, searchable and editable — create, rename,
//! archive, delete, merge, drag to move, each also from a node's right-click menu — with the
//! selected node's dictionary entry.
import { SearchOutlined } from "@ant-design/icons";
import { Alert, Card, Col, Dropdown, Empty, Flex, Input, Row, Spin, Switch, Tree, Typography, type MenuProps, type TreeDataNode, type TreeProps } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, type Key } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageTitle } from "../../components/PageTitle";
import { tagsMove, toIpcError, type IpcError, type TagNode } from "../../lib/ipc";
import { invalidateCustomerData } from "../../lib/invalidate";
import { buildTree, filterTree, parentIds, type TagTreeItem } from "./buildTree";
import { useOpenCustomers } from "../shell/navigation";
import { PAGE_SEARCH } from "../shell/useSearchShortcut";
import { DeleteFlow } from "./DeleteFlow";
import { MergeModal } from "./MergeModal";
import { MoveModal } from "./MoveModal";
import { NodeNameModal, type NameTask } from "./NodeNameModal";
import { TagDetails } from "./TagDetails";
import { TagTitle } from "./TagTitle";
import { TreeToolbar } from "./TreeToolbar";
import { useArchiveToggle } from "./useArchiveToggle";
import { treeMenu } from "./treeMenu";
import { canContain, dropToMove } from "./treeEdit";
import { useTagsTree } from "./useTagsTree";
import { useMoveRights, useTreeRights } from "./useTreeRights";

function toTreeData(items: readonly TagTreeItem[], totalCustomers: number): TreeDataNode[] {
  return items.map((item) => ({
    key: item.node.id,
    title: <TagTitle node={item.node} totalCustomers={totalCustomers} />,
    children: toTreeData(item.children, totalCustomers),
    isLeaf: item.node.kind === "tag",
  }));
}

/** `focusTagId`: a node to select and show at once (from the command palette). */
export function TagsPage({ focusTagId }: { focusTagId?: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tree = useTagsTree();
  const openCustomers = useOpenCustomers();
  const [search, setSearch] = useState("");
  const [selectedIds, setSelectedIds] = useState<number[]>(focusTagId === undefined ? [] : [focusTagId]);
  const [menu, setMenu] = useState<MenuProps | null>(null);
  const [moving, setMoving] = useState<TagNode | null>(null);
  const [hideArchived, setHideArchived] = useState(false);
  // null: everything expanded (the default, and again after each search).
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const [nameTask, setNameTask] = useState<NameTask | null>(null);
  const [mergeSources, setMergeSources] = useState<TagNode[] | null>(null);
  const [deleting, setDeleting] = useState<TagNode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const nodes = useMemo(() => tree.data?.nodes ?? [], [tree.data]);
  const total = tree.data?.total_customers ?? 0;
  const shownNodes = useMemo(() => (hideArchived ? nodes.filter((n) => !n.archived) : nodes), [nodes, hideArchived]);
  const roots = useMemo(() => buildTree(shownNodes), [shownNodes]);
  const visible = useMemo(() => filterTree(roots, search), [roots, search]);
  const treeData = useMemo(() => toTreeData(visible, total), [visible, total]);
  const selectedNodes = selectedIds.map((id) => nodes.find((n) => n.id === id)).filter((n): n is TagNode => n !== undefined);
  const selected = selectedNodes[selectedNodes.length - 1] ?? null;

  const done = (text: string) => {
    setError(null);
    setNotice(text);
    void invalidateCustomerData(client);
  };
  const fail = (e: IpcError) => {
    setNotice(null);
    setError(e);
  };
  const toggleArchive = useArchiveToggle(done, fail);
  const locked = useTreeRights(nodes);
  const moveLocked = useMoveRights(nodes);
  const parentOf = (node: TagNode | undefined) => (node?.parent_id == null ? null : nodes.find((n) => n.id === node.parent_id));
  const menuFor = (node: TagNode) =>
    treeMenu(node, nodes, t, {
      create: (kind, parent) => setNameTask({ type: "create", kind, parent }),
      rename: (n) => setNameTask({ type: "rename", node: n }),
      move: setMoving,
      archive: toggleArchive,
      merge: (n) => setMergeSources([n]),
      delete: setDeleting,
      showCustomers: (n) => openCustomers({ id: n.id, name: n.name, color: n.effective_color }),
    }, locked(node), moveLocked(node));

  // The node asked for is shown once the tree has drawn it.
  const focusDrawn = focusTagId !== undefined && nodes.some((n) => n.id === focusTagId);
  useEffect(() => {
    if (!focusDrawn) return;
    document.querySelector("[data-testid='tag-tree'] .ant-tree-treenode-selected")?.scrollIntoView?.({ block: "center" });
  }, [focusDrawn]);

  const onDrop: TreeProps["onDrop"] = (info) => {
    const move = dropToMove(
      {
        dragId: Number(info.dragNode.key),
        dropId: Number(info.node.key),
        dropPos: info.node.pos,
        dropPosition: info.dropPosition,
        dropToGap: info.dropToGap,
      },
      nodes,
    );
    if (move === null) return;
    tagsMove(move.id, move.parentId, move.position)
      .then(() => done(t("tagEdit.moved")))
      .catch((e: unknown) => {
        setNotice(null);
        setError(toIpcError(e));
        // Whatever the tree drew during the drag, show the backend's truth again.
        void client.invalidateQueries({ queryKey: ["tags_tree"] });
      });
  };

  const allowDrop: TreeProps["allowDrop"] = ({ dragNode, dropNode, dropPosition }) => {
    const drag = nodes.find((n) => n.id === Number(dragNode.key));
    const drop = nodes.find((n) => n.id === Number(dropNode.key));
    if (drag === undefined || drop === undefined) return false;
    // Neither out of nor into a group the team hub would not let this person change (nor a
    // category holding such a group, which would carry it along).
    const into = dropPosition === 0 ? drop : parentOf(drop);
    if (moveLocked(drag) !== null || locked(into) !== null) return false;
    return canContain(into?.kind ?? null, drag.kind);
  };

  return (
    <>
      <PageTitle>{t("nav.tags")}</PageTitle>
      {tree.isError && <ErrorAlert error={toIpcError(tree.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Flex vertical gap="middle">
              <TreeToolbar
                selected={selected}
                selectedTags={selectedNodes.filter((n) => n.kind === "tag")}
                nodes={nodes}
                onName={setNameTask}
                onMerge={setMergeSources}
                onDelete={setDeleting}
                onDone={done}
                onError={fail}
              />
              <Flex gap="middle" align="center">
                <Input
                  data-testid="tag-search"
                  {...PAGE_SEARCH}
                  prefix={<SearchOutlined />}
                  allowClear
                  placeholder={t("tags.searchPlaceholder")}
                  value={search}
                  onChange={(e) => {
                    setSearch(e.target.value);
                    setExpanded(null);
                  }}
                />
                <Flex align="center" gap={6} style={{ flex: "none" }}>
                  <Switch size="small" checked={hideArchived} onChange={setHideArchived} data-testid="hide-archived" />
                  <Typography.Text>{t("tagEdit.hideArchived")}</Typography.Text>
                </Flex>
              </Flex>
              {error !== null && <ErrorAlert error={error} testId="tag-error" />}
              {notice !== null && (
                <Alert type="success" showIcon data-testid="tag-notice" title={notice} closable={{ onClose: () => setNotice(null) }} />
              )}
              {tree.isPending ? (
                <Spin />
              ) : nodes.length === 0 ? (
                <Empty description={t("tags.empty")} />
              ) : treeData.length === 0 ? (
                <Empty description={t("tags.noMatch")} />
              ) : (
                <Dropdown
                  trigger={["contextMenu"]}
                  open={menu !== null}
                  onOpenChange={(open) => !open && setMenu(null)}
                  menu={{ ...menu, onClick: (info) => { setMenu(null); menu?.onClick?.(info); } }}
                >
                <div data-testid="tag-tree" onContextMenuCapture={() => setMenu(null)}>
                  <Tree
                    showLine
                    blockNode
                    multiple
                    draggable={locked(null) === null ? { icon: false } : false}
                    allowDrop={allowDrop}
                    onDrop={onDrop}
                    treeData={treeData}
                    expandedKeys={expanded ?? parentIds(visible)}
                    onExpand={(keys) => setExpanded(keys)}
                    selectedKeys={selectedIds}
                    onSelect={(keys, info) => {
                      // Ctrl/⌘-click adds to the selection (several tags to merge); a plain click selects one node.
                      const event = info.nativeEvent as MouseEvent;
                      if (event.ctrlKey || event.metaKey) setSelectedIds(keys.map(Number));
                      else setSelectedIds(info.selected ? [Number(info.node.key)] : []);
                    }}
                    onRightClick={({ event, node }) => {
                      const hit = nodes.find((n) => n.id === Number(node.key));
                      if (hit === undefined) return;
                      event.preventDefault();
                      setSelectedIds([hit.id]);
                      setMenu(menuFor(hit));
                    }}
                  />
                </div>
                </Dropdown>
              )}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card>
            {selected === null ? <Empty description={t("tags.selectHint")} /> : <TagDetails node={selected} totalCustomers={total} refused={locked(selected)} />}
          </Card>
        </Col>
      </Row>
      <NodeNameModal
        task={nameTask}
        onClose={() => setNameTask(null)}
        onDone={(text, createdId) => {
          setNameTask(null);
          if (createdId !== undefined) setSelectedIds([createdId]);
          done(text);
        }}
        onShow={(id) => {
          setNameTask(null);
          setSearch("");
          setSelectedIds([id]);
        }}
      />
      <MergeModal
        sources={mergeSources}
        nodes={nodes}
        onClose={() => {
          setMergeSources(null);
          setSelectedIds([]);
        }}
      />
      <MoveModal
        node={moving}
        nodes={nodes}
        onClose={() => setMoving(null)}
        onDone={(text) => {
          setMoving(null);
          done(text);
        }}
        onError={(e) => {
          setMoving(null);
          fail(e);
        }}
      />
      <DeleteFlow
        node={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(text) => {
          setDeleting(null);
          setSelectedIds([]);
          done(text);
        }}
      />
    </>
  );
}
