// Typed sample data for component tests, built on the generated binding types.
import type { AppStatus, CustomField, CustomerRow, DatabaseProblem, Page, TagNode } from "../lib/ipc";

export function openStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    database: { path: "/home/me/.local/share/tagdesk/tagdesk.sqlite", is_demo: false, integrity_checking: false, integrity_problem: null, read_only: false, interrupted: [], finished: [] },
    problem: null,
    language: "zh-CN",
    data_dir: "/home/me/.local/share/tagdesk",
    user_name: "me",
    ...overrides,
  };
}

export function problemStatus(problem: DatabaseProblem): AppStatus {
  return openStatus({ database: null, problem });
}

export function customer(id: number, overrides: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id,
    name: `客户${id}`,
    phone: `1380000${String(id).padStart(4, "0")}`,
    email: null,
    company: "星河科技",
    industry: null,
    province: "浙江",
    city: "杭州",
    source: "微信群",
    level: "VIP",
    created_at: 1_735_862_400,
    updated_at: 1_735_862_400,
    tags: [],
    custom: [],
    ...overrides,
  };
}

export function page<T>(items: T[], total = items.length, offset = 0): Page<T> {
  return { items, total, total_exact: true, offset };
}

export function tagNode(id: number, parentId: number | null, name: string, overrides: Partial<TagNode> = {}): TagNode {
  return {
    id,
    parent_id: parentId,
    kind: "tag",
    name,
    select_mode: null,
    color: null,
    effective_color: "#1677ff",
    meaning: null,
    value_range: null,
    update_frequency: null,
    owner: null,
    scope: null,
    weight: 0,
    origin: "manual",
    position: id,
    archived: false,
    customer_count: 0,
    ...overrides,
  };
}

export function customField(id: number, label: string, kind: CustomField["kind"], overrides: Partial<CustomField> = {}): CustomField {
  return { id, label, kind, options: [], position: id, archived: false, ...overrides };
}
