//! One line of text per condition node, in the UI's language, for the explain panel.
import type { TFunction } from "i18next";
import type { Condition, ConditionField, Segment, TagNode } from "../../lib/ipc";
import { attrLabel } from "./builder/fields";

export interface Names {
  tags: readonly TagNode[];
  fields: readonly ConditionField[];
  segments: readonly Segment[];
}

export function describe(t: TFunction, c: Condition, names: Names): string {
  const tag = (id: number) => names.tags.find((n) => n.id === id)?.name ?? `#${id}`;
  const op = (o: string) => t(`segments.op.${o}` as "segments.op.eq");
  const range = (value: number, value2: number | null) => (value2 === null ? String(value) : `${value} – ${value2}`);
  switch (c.type) {
    case "and":
      return c.children.length === 0 ? t("segments.explain.everyone") : t("segments.explain.and");
    case "or":
      return c.children.length === 0 ? t("segments.explain.noOne") : t("segments.explain.or");
    case "not":
      return t("segments.explain.not");
    case "tag":
      return t("segments.describe.tag", { tag: tag(c.tag_id) });
    case "tags": {
      const tags = c.tag_ids.map(tag).join("、");
      return c.mode === "any" ? t("segments.describe.tagsAny", { tags }) : c.mode === "all" ? t("segments.describe.tagsAll", { tags }) : t("segments.describe.tagsNone", { tags });
    }
    case "group":
      return t(c.mode === "none" ? "segments.describe.groupNone" : "segments.describe.groupAny", { group: tag(c.group_id) });
    case "segment":
      return t("segments.describe.segment", { name: names.segments.find((s) => s.id === c.segment_id)?.name ?? `#${c.segment_id}` });
    case "score":
      return t("segments.describe.score", { op: op(c.cmp), value: range(c.value, c.value2) });
    case "event":
      return t("segments.describe.event", {
        window: c.within_days === null ? t("segments.describe.ever") : t("segments.describe.window", { days: c.within_days }),
        kind: t(`segments.eventKind.${c.kind}` as "segments.eventKind.order", { defaultValue: c.kind }),
        property: c.property === null ? "" : t("segments.describe.property", { key: c.property.key, value: c.property.value }),
        measure: t(c.measure === "count" ? "segments.event.count" : "segments.event.sum"),
        op: op(c.cmp),
        value: range(c.value, c.value2),
      });
    case "field": {
      const field = names.fields.find((f) => f.key === c.field);
      const label = field === undefined ? c.field : attrLabel(t, field);
      const values = c.op === "between" ? c.values.join(" – ") : c.values.join("、");
      return `${label} ${op(c.op)} ${values}`.trim();
    }
  }
}
