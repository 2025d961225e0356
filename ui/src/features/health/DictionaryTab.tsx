//! The dictionary's gaps: core tags (the 10–20 a team reviews first) with their coverage, and
//! tags and groups without a meaning, owner or update frequency. Each opens the dictionary form
//! of the tag page in a drawer; the whole dictionary is exported from here too.
import { App, Button, Drawer, Empty, Flex, Segmented, Select, Switch, Table, Tag, Typography } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { emptyOnceKnown } from "../../components/emptyOnceKnown";
import { errorText } from "../../components/errorText";
import { tagsSetCore, toIpcError, type DictionaryField, type HealthReport, type TagNode } from "../../lib/ipc";
import { formatNumber, percent } from "../../lib/format";
import { invalidateCustomerData } from "../../lib/invalidate";
import { ExportedFile } from "../io/ExportedFile";
import { useDictionaryExport } from "../io/useDictionaryExport";
import { DictionaryForm } from "../tags/DictionaryForm";
import { useTagsTree } from "../tags/useTagsTree";
import { TagNameCell } from "./TagNameCell";
import { Why } from "../../components/Why";
import { useRights } from "../team/useRights";
import { useTreeRights } from "../tags/useTreeRights";

type Filter = "core" | "tags" | "groups";

/** One row: a tag or a group, with what its dictionary entry lacks. */
interface Row {
  id: number;
  name: string;
  path: string;
  group: boolean;
  core: boolean;
  missing: DictionaryField[];
}

const NO_NODES: readonly TagNode[] = [];

export function DictionaryTab({ report, loading }: { report: HealthReport | undefined; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>("tags");
  const [editing, setEditing] = useState<number | null>(null);
  const tree = useTagsTree();
  const dictionary = useDictionaryExport();
  const setCore = useSetCore();
  const rows = rowsOf(report, filter);
  const node = tree.data?.nodes.find((n) => n.id === editing);
  // The team hub's rights: a viewer marks no core tag; the form says why a group's tags are not theirs.
  const { readOnly } = useRights();
  const refused = useTreeRights(tree.data?.nodes ?? NO_NODES);
  const pool = report?.core_pool;
  return (
    <Flex vertical gap="small">
      <Flex wrap gap="middle" align="center" justify="space-between">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="dictionary-filter"
          options={[
            { value: "tags", label: `${t("health.dictionary.filter.tags")} ${report?.incomplete_tags.length ?? ""}` },
            { value: "groups", label: `${t("health.dictionary.filter.groups")} ${report?.incomplete_groups.length ?? ""}` },
            { value: "core", label: `${t("health.dictionary.filter.core")} ${pool?.tags.length ?? ""}` },
          ]}
        />
        <Button onClick={dictionary.run} loading={dictionary.running} data-testid="health-export-dictionary">
          {t("io.export.dictionary")}
        </Button>
      </Flex>
      {dictionary.done !== null && (
        <Typography.Text type="success" data-testid="health-dictionary-exported">
          <ExportedFile text={t("io.export.dictionaryDone", { count: dictionary.done.count })} path={dictionary.done.path} />
        </Typography.Text>
      )}
      {filter === "core" && pool !== undefined && report !== undefined && (
        <Flex wrap gap="small" align="center">
        <Why why={readOnly}>
        <Select
          disabled={readOnly !== null}
          showSearch={{ optionFilterProp: "label" }}
          value={null}
          placeholder={t("health.dictionary.addCore")}
          style={{ width: 260 }}
          data-testid="core-add"
          options={report.tags.filter((tag) => !tag.core && !tag.archived).map((tag) => ({ value: tag.id, label: tag.path }))}
          onChange={(id: number | null) => id !== null && setCore.mutate({ id, core: true })}
        />
        </Why>
        <Typography.Text data-testid="core-coverage">
          {pool.tags.length === 0
            ? t("health.dictionary.noCore")
            : t("health.dictionary.coreCoverage", {
                count: pool.tags.length,
                covered: formatNumber(pool.covered, i18n.language),
                share: percent(pool.covered, report.total_customers),
                incomplete: pool.incomplete.length,
              })}
        </Typography.Text>
        </Flex>
      )}
      <Table<Row>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: emptyOnceKnown(loading, <Empty description={t(`health.dictionary.none.${filter}`)} />) }}
        data-testid="dictionary-table"
        columns={[
          {
            title: t("health.col.tag"),
            key: "name",
            ellipsis: true,
            render: (_, row) => <TagNameCell name={row.name} path={row.path} testId="dictionary-name" />,
          },
          {
            title: t("health.dictionary.missing"),
            key: "missing",
            render: (_, row) =>
              row.missing.length === 0 ? (
                <Typography.Text type="success">{t("health.dictionary.complete")}</Typography.Text>
              ) : (
                <Flex wrap gap={4}>
                  {row.missing.map((f) => (
                    <Tag key={f} color="orange" style={{ marginInlineEnd: 0 }}>
                      {t(`health.dictionary.field.${f}`)}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            title: t("health.dictionary.core"),
            key: "core",
            width: 84,
            render: (_, row) =>
              row.group ? null : (
                <Why why={readOnly}>
                  <Switch size="small" disabled={readOnly !== null} checked={row.core} loading={setCore.isPending && setCore.variables?.id === row.id} onChange={(core) => setCore.mutate({ id: row.id, core })} data-testid="core-switch" />
                </Why>
              ),
          },
          {
            title: "",
            key: "edit",
            width: 96,
            render: (_, row) => (
              <Button size="small" onClick={() => setEditing(row.id)} data-testid="dictionary-edit">
                {t("health.dictionary.edit")}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={editing !== null} onClose={() => setEditing(null)} title={node?.name ?? ""} size={480} destroyOnHidden data-testid="dictionary-drawer">
        {node !== undefined && <DictionaryForm node={node} refused={refused(node)} />}
      </Drawer>
    </Flex>
  );
}

function rowsOf(report: HealthReport | undefined, filter: Filter): Row[] {
  if (report === undefined) return [];
  if (filter === "groups") {
    const wanted = new Set(report.incomplete_groups);
    return report.groups
      .filter((g) => wanted.has(g.id))
      .map((g) => ({ id: g.id, name: g.name, path: g.path, group: true, core: false, missing: g.missing }));
  }
  const wanted = new Set(filter === "core" ? report.core_pool.tags : report.incomplete_tags);
  return report.tags
    .filter((tag) => wanted.has(tag.id))
    .map((tag) => ({ id: tag.id, name: tag.name, path: tag.path, group: false, core: tag.core, missing: tag.missing }));
}

function useSetCore() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, core }: { id: number; core: boolean }) => tagsSetCore(id, core),
    onSuccess: () => invalidateCustomerData(client),
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
}
