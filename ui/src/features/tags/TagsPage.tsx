//! Tags: the whole tag tree with counts and coverage, searchable, with the selected node's details.
import { SearchOutlined } from "@ant-design/icons";
import { Card, Col, Empty, Flex, Input, Row, Spin, Tree, type TreeDataNode } from "antd";
import { useMemo, useState, type Key } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageTitle } from "../../components/PageTitle";
import { toIpcError } from "../../lib/ipc";
import { buildTree, filterTree, parentIds, type TagTreeItem } from "./buildTree";
import { TagDetails } from "./TagDetails";
import { TagTitle } from "./TagTitle";
import { useTagsTree } from "./useTagsTree";

function toTreeData(items: readonly TagTreeItem[], totalCustomers: number): TreeDataNode[] {
  return items.map((item) => ({
    key: item.node.id,
    title: <TagTitle node={item.node} totalCustomers={totalCustomers} />,
    children: toTreeData(item.children, totalCustomers),
  }));
}

export function TagsPage() {
  const { t } = useTranslation();
  const tree = useTagsTree();
  const [search, setSearch] = useState("");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  // null: everything expanded (the default, and again after each search).
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const nodes = useMemo(() => tree.data?.nodes ?? [], [tree.data]);
  const total = tree.data?.total_customers ?? 0;
  const roots = useMemo(() => buildTree(nodes), [nodes]);
  const visible = useMemo(() => filterTree(roots, search), [roots, search]);
  const treeData = useMemo(() => toTreeData(visible, total), [visible, total]);
  const selected = nodes.find((n) => n.id === selectedId);

  return (
    <>
      <PageTitle>{t("nav.tags")}</PageTitle>
      {tree.isError && <ErrorAlert error={toIpcError(tree.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Flex vertical gap="middle">
              <Input
                data-testid="tag-search"
                prefix={<SearchOutlined />}
                allowClear
                placeholder={t("tags.searchPlaceholder")}
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setExpanded(null);
                }}
              />
              {tree.isPending ? (
                <Spin />
              ) : nodes.length === 0 ? (
                <Empty description={t("tags.empty")} />
              ) : treeData.length === 0 ? (
                <Empty description={t("tags.noMatch")} />
              ) : (
                <div data-testid="tag-tree">
                  <Tree
                    showLine
                    blockNode
                    treeData={treeData}
                    expandedKeys={expanded ?? parentIds(visible)}
                    onExpand={(keys) => setExpanded(keys)}
                    selectedKeys={selectedId === null ? [] : [selectedId]}
                    onSelect={(keys) => {
                      const key = keys[0];
                      setSelectedId(typeof key === "number" ? key : null);
                    }}
                  />
                </div>
              )}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card>
            {selected === undefined ? (
              <Empty description={t("tags.selectHint")} />
            ) : (
              <TagDetails node={selected} totalCustomers={total} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
