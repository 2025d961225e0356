//! An event rule's value: which kind, optionally only events whose property key = value, in the
//! last N days (empty: ever), counted or summed by amount, compared with one or two numbers.
import { Input } from "antd";
import { CompactSelect } from "./CompactSelect";
import { useTranslation } from "react-i18next";
import type { EventKindInfo } from "../../../lib/ipc";
import { emptyEventValue, type EventValue } from "./ruleModel";

interface Props {
  value: EventValue | null | undefined;
  between: boolean;
  events: readonly EventKindInfo[];
  status: "error" | undefined;
  onChange: (v: EventValue) => void;
}

export function EventEditor({ value, between, events, status, onChange }: Props) {
  const { t } = useTranslation();
  const v: EventValue = { ...emptyEventValue(), ...value };
  const set = (patch: Partial<EventValue>) => onChange({ ...v, ...patch });
  const properties = events.find((e) => e.kind === v.kind)?.properties ?? [];
  return (
    <>
      <CompactSelect
        testId="event-kind"
        minWidth={120}
        status={status}
        placeholder={t("segments.event.kind")}
        value={v.kind === "" ? undefined : v.kind}
        options={events.map((e) => ({ value: e.kind, label: t(`segments.eventKind.${e.kind}` as "segments.eventKind.order", { defaultValue: e.kind }) }))}
        onChange={(kind: string) => set({ kind, propertyKey: "", propertyValue: "" })}
      />
      <CompactSelect
        testId="event-property-key"
        minWidth={100}
        searchable={false}
        allowClear
        placeholder={t("segments.event.anyProperty")}
        value={v.propertyKey === "" ? undefined : v.propertyKey}
        options={properties.map((p) => ({ value: p, label: p }))}
        onChange={(key: string | undefined) => set({ propertyKey: key ?? "", propertyValue: key === undefined ? "" : v.propertyValue })}
      />
      {v.propertyKey !== "" && (
        <Input size="small" style={{ width: 110 }} prefix="=" data-testid="event-property-value" value={v.propertyValue} onChange={(e) => set({ propertyValue: e.target.value })} />
      )}
      <Input
        size="small"
        inputMode="numeric"
        style={{ width: 130 }}
        prefix={t("segments.event.last")}
        suffix={t("segments.builder.days")}
        placeholder={t("segments.event.ever")}
        data-testid="event-within-days"
        value={v.withinDays}
        onChange={(e) => set({ withinDays: e.target.value })}
      />
      <CompactSelect
        testId="event-measure"
        searchable={false}
        style={{ width: 110 }}
        value={v.measure}
        options={[
          { value: "count", label: t("segments.event.count") },
          { value: "sum_amount", label: t("segments.event.sum") },
        ]}
        onChange={(measure: EventValue["measure"]) => set({ measure })}
      />
      <Input size="small" inputMode="decimal" status={status} style={{ width: 80 }} data-testid="rule-value-input" value={v.value} onChange={(e) => set({ value: e.target.value })} />
      {between && (
        <>
          <span>{t("segments.builder.and2")}</span>
          <Input size="small" inputMode="decimal" status={status} style={{ width: 80 }} data-testid="rule-value-input2" value={v.value2} onChange={(e) => set({ value2: e.target.value })} />
        </>
      )}
    </>
  );
}
