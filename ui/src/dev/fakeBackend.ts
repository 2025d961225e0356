//! An in-browser stand-in for the Rust commands, so the UI can be run and looked at with `vite` alone.
//! Only used by preview.html (dev server); never part of the production bundle.
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AppStatus,
  MyRights,
  Operation,
  BatchReport,
  Condition,
  ConditionCatalog,
  CustomerProfile,
  CustomerQuery,
  CustomerRow,
  DatabaseProblem,
  MemberQuery,
  Page,
  SegmentInput,
  TagNode,
  TagTarget,
  TagTree,
} from "../lib/ipc";
import { createPreviewSegments } from "./previewSegments";

const NAMES = ["王小明", "李雷", "韩梅梅", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰"];
const CITIES = ["杭州", "上海", "北京", "深圳", "成都"];
const SOURCES = ["微信群", "朋友介绍", "线下活动"];

function tag(id: number, parent: number | null, name: string, extra: Partial<TagNode> = {}): TagNode {
  return {
    id,
    parent_id: parent,
    kind: "tag",
    name,
    select_mode: null,
    color: null,
    effective_color: "#8c8c8c",
    meaning: null,
    value_range: null,
    update_frequency: null,
    owner: null,
    scope: null,
    weight: 1,
    origin: "manual",
    position: id,
    archived: false,
    customer_count: 0,
    ...extra,
  };
}

export const TAGS: TagNode[] = [
  tag(1, null, "客户属性", { kind: "category" }),
  tag(2, null, "行为", { kind: "category" }),
  tag(3, 1, "客户等级", {
    kind: "group",
    select_mode: "single",
    color: "#fa541c",
    effective_color: "#fa541c",
    customer_count: 137,
    meaning: "按年消费划分的客户等级",
    value_range: "VIP / 普通",
    update_frequency: "每月",
    owner: "销售部",
    scope: "全公司",
  }),
  tag(4, 1, "来源", { kind: "group", select_mode: "single", effective_color: "#1677ff", customer_count: 137 }),
  tag(5, 2, "RFM", { kind: "group", select_mode: "single", origin: "automatic", effective_color: "#722ed1", customer_count: 60 }),
  tag(6, 3, "VIP", { effective_color: "#fa541c", customer_count: 23, weight: 5 }),
  tag(7, 3, "普通", { effective_color: "#fa541c", customer_count: 114 }),
  ...SOURCES.map((s, i) => tag(8 + i, 4, s, { effective_color: "#1677ff", customer_count: 46 - i })),
  tag(11, 5, "重要价值", { effective_color: "#722ed1", origin: "automatic", customer_count: 12 }),
  tag(12, 5, "一般挽留", { effective_color: "#722ed1", origin: "automatic", customer_count: 48 }),
];

/** The built-in attributes and two event kinds, as segments_catalog lists them. */
export const CATALOG: ConditionCatalog = {
  fields: (
    [
      ["name", "text"],
      ["phone", "text"],
      ["email", "text"],
      ["company", "text"],
      ["industry", "text"],
      ["province", "text"],
      ["city", "text"],
      ["source", "text"],
      ["customer_type", "choice"],
      ["level", "text"],
      ["created_at", "timestamp"],
      ["updated_at", "timestamp"],
    ] as const
  ).map(([key, kind]) => ({ key, label: null, kind, options: key === "customer_type" ? ["b2b", "b2c"] : [], archived: false })),
  events: [
    { kind: "order", properties: ["product"] },
    { kind: "visit", properties: ["page"] },
  ],
};

export function makeCustomers(n: number): CustomerRow[] {
  return Array.from({ length: n }, (_, i) => {
    const chips = [TAGS[5 + (i % 2)]!, TAGS[7 + (i % 3)]!, ...(i % 4 === 0 ? TAGS.slice(10, 12) : [])];
    return {
      id: i + 1,
      name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? i : ""}`,
      phone: `138${String(10000000 + i * 7919).slice(0, 8)}`,
      email: null,
      company: i % 3 === 0 ? "星河科技" : "青木贸易",
      industry: null,
      province: null,
      city: CITIES[i % CITIES.length]!,
      source: SOURCES[i % SOURCES.length]!,
      level: i % 6 === 0 ? "VIP" : "普通",
      created_at: 1_735_862_400 + i * 86_400,
      updated_at: 1_735_862_400 + i * 86_400,
      tags: chips.map((t) => ({ id: t.id, name: t.name, color: t.effective_color, group_id: t.parent_id })),
      custom: [],
    };
  });
}

function listCustomers(all: CustomerRow[], q: CustomerQuery): Page<CustomerRow> {
  const needle = q.search ?? "";
  let rows = all.filter(
    (c) => [c.name, c.phone, c.company].some((v) => v?.includes(needle)) && q.tag_ids.every((id) => c.tags.some((t) => t.id === id)),
  );
  const sort = q.sort;
  if (sort !== null) {
    rows = [...rows].sort((a, b) => {
      const x = String(a[sort.field] ?? "");
      const y = String(b[sort.field] ?? "");
      return (sort.descending ? -1 : 1) * x.localeCompare(y, "zh-CN", { numeric: true });
    });
  }
  return { items: rows.slice(q.offset, q.offset + q.limit), total: rows.length, total_exact: true, offset: q.offset };
}

/** `?problem=database_too_new` starts on the problem screen; `?empty` on an empty database. */
export function installFakeBackend(params: URLSearchParams): void {
  const code = params.get("problem");
  const problem: DatabaseProblem | null =
    code === null
      ? null
      : {
          error: {
            code: code as DatabaseProblem["error"]["code"],
            problem: { code: "database_too_new", path: "/data/tagdesk.sqlite", found: 9, supported: 4 },
            message: "schema version 9 is newer than 4",
            path: "/data/tagdesk.sqlite",
            field: null,
          },
          path: "/data/tagdesk.sqlite",
          backups: [{ path: "/data/backups/tagdesk-2025-01-03.sqlite", made_at: 1_735_862_400, size_bytes: 2_400_000 }],
        };
  let customers = params.has("empty") ? [] : makeCustomers(137);
  // ?rights=viewer, or ?rights=editor (of 销售部, with 来源 owned by 市场部): the team hub's word.
  const role = params.get("rights");
  const rights: MyRights =
    role === "viewer" || role === "editor"
      ? { on_hub: true, role, department: "销售部", locked_groups: role === "editor" ? [{ group_id: 4, department: "市场部" }] : [] }
      : { on_hub: false, role: null, department: null, locked_groups: [] };
  let status: AppStatus = {
    database: problem === null ? { path: "/data/demo.sqlite", is_demo: !params.has("empty"), integrity_checking: false, integrity_problem: null, read_only: false, interrupted: [], finished: [] } : null,
    problem,
    language: params.get("lang") === "en" ? "en" : "zh-CN",
    data_dir: "/data",
    user_name: "demo",
  };
  const open = (path: string, isDemo: boolean): AppStatus => {
    status = { ...status, database: { path, is_demo: isDemo, integrity_checking: false, integrity_problem: null, read_only: false, interrupted: [], finished: [] }, problem: null };
    return status;
  };

  let last: Operation | null = null;
  let opId = 0;
  const op = (kind: Operation["kind"], tag: string, customers: number): Operation => ({
    id: ++opId, uid: `demo-${opId}`, author: "demo", device: "demo", kind, source: "manual", at: Date.now() / 1000,
    customers, tags: 1, tag_name: tag, entity: null, action: null, file: null, undoes: null, undone_by: null, can_undo: true,
  });
  const tagCustomers = (ids: number[], tagId: number, add: boolean): BatchReport => {
    const tag = TAGS.find((t) => t.id === tagId)!;
    let changed = 0;
    customers = customers.map((c) => {
      const has = c.tags.some((t) => t.id === tag.id);
      if (!ids.includes(c.id) || has === add) return c;
      changed += 1;
      const tags = add ? [...c.tags, { id: tag.id, name: tag.name, color: tag.effective_color, group_id: tag.parent_id }] : c.tags.filter((t) => t.id !== tag.id);
      return { ...c, tags };
    });
    last = op(add ? "tag_add" : "tag_remove", tag.name, changed);
    return { operation_id: last.id, batch_id: 1, changed, replaced: 0 };
  };
  // The preview matches everyone to any condition, so tagging a segment tags every customer.
  const segments = createPreviewSegments(
    () => customers,
    (tagId) => tagCustomers(customers.map((c) => c.id), tagId, true),
  );
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case "app_status":
        return status;
      case "app_set_language":
        status = { ...status, language: args.language === "en" ? "en" : "zh-CN" };
        return status;
      case "db_create":
        customers = [];
        return open("/data/tagdesk.sqlite", false);
      case "db_open_demo":
        customers = makeCustomers(137);
        return open("/data/demo.sqlite", true);
      case "db_restore_backup":
        return open("/data/tagdesk.sqlite", false);
      case "customers_list":
        return listCustomers(customers, args.query as CustomerQuery);
      case "customers_count":
        return listCustomers(customers, args.query as CustomerQuery).total;
      case "customers_get":
        return profileOf(customers.find((c) => c.id === args.id) ?? customers[0]!);
      case "customers_update":
      case "customers_create":
        return args.id ?? customers.length + 1;
      case "customers_delete":
      case "customers_restore":
        return (args.ids as number[]).length;
      case "tags_tree":
        return { nodes: TAGS, total_customers: customers.length } satisfies TagTree;
      case "tagging_add":
      case "tagging_remove": {
        const target = args.target as TagTarget;
        const ids = target.type === "customers" ? target.ids : listCustomers(customers, { ...target.query, offset: 0, limit: 1e9 }).items.map((c) => c.id);
        return tagCustomers(ids, Number(args.tagId), cmd === "tagging_add");
      }
      case "tagging_last":
      case "operations_mine_latest":
        return last?.can_undo ? last : null;
      case "operations_list":
        return { items: last === null ? [] : [last], more: false, authors: ["demo"] };
      case "operations_blockers":
        return [];
      case "operations_undo":
        // The preview does not keep history: undo only marks the operation undone.
        last = last === null ? null : { ...last, can_undo: false, undone_by: opId + 1 };
        return { undone: args.ids as number[], undo_operations: [++opId], changed: 0 };
      case "tags_create":
        return TAGS.length + 1;
      case "segments_catalog":
        return CATALOG;
      case "segments_count":
        return segments.count(args.condition as Condition);
      case "segments_members":
        return segments.members(args.query as MemberQuery);
      case "segments_explain":
        return segments.explain(args.condition as Condition);
      case "segments_list":
        return segments.list();
      case "segments_get":
        return segments.get(Number(args.id));
      case "segments_create":
        return segments.create(args.input as SegmentInput);
      case "segments_update":
        return segments.update(Number(args.id), args.input as SegmentInput);
      case "segments_duplicate":
        return segments.duplicate(Number(args.id));
      case "segments_delete":
        return segments.delete(Number(args.id));
      case "segments_pin":
        return segments.pin(Number(args.id), Boolean(args.pinned));
      case "segments_dashboard":
        return segments.dashboard();
      case "segments_tag":
        return segments.tag(Number(args.tagId));
      case "rules_list":
      case "rules_log":
        return [];
      case "my_rights":
        return rights;
      default:
        return null;
    }
  });
}

/** A profile built from a list row: enough for the drawer to show in the preview. */
function profileOf(row: CustomerRow): CustomerProfile {
  const groups = new Map<number | null, CustomerProfile["tag_groups"][number]>();
  for (const chip of row.tags) {
    const group = TAGS.find((t) => t.id === chip.group_id);
    const g = groups.get(chip.group_id) ?? { group_id: chip.group_id, path: group?.name ?? "", select_mode: group?.select_mode ?? null, tags: [] };
    g.tags.push({ id: chip.id, name: chip.name, color: chip.color, source: "manual", rule_name: null, actor: "demo", at: row.created_at });
    groups.set(chip.group_id, g);
  }
  return {
    customer: {
      ...row,
      deleted_at: null,
      job_title: null,
      customer_type: "b2c",
      gender: null,
      birthday: null,
      notes: null,
      external_id: null,
      custom: [],
    },
    tag_groups: [...groups.values()],
    history: row.tags.map((t, i) => ({ id: i, tag_id: t.id, tag_path: t.name, action: "add", source: "manual", source_ref: null, rule_name: null, actor: "demo", at: row.created_at, note: null })),
    events: [{ id: 1, kind: "order", occurred_at: row.created_at, amount: 199, properties: '{"product":"标准版"}' }],
    event_count: 1,
  };
}
