//! The add-event form's values and the `EventInput` they make: a local date and time as unix seconds,
//! an optional amount, and only the declared properties that were filled in.
import type { EventInput } from "../../../lib/ipc";

export interface EventFormValues {
  kind: string;
  /** yyyy-mm-dd, from <input type="date">. */
  date: string;
  /** hh:mm, from <input type="time">; empty means midnight. */
  time: string;
  amount: number | null;
  properties: Record<string, string | undefined>;
}

/** Unix seconds of a local date and time, or null when the date is not a date. */
export function localSeconds(date: string, time: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const clock = /^\d{2}:\d{2}(:\d{2})?$/.test(time) ? time : "00:00";
  const ms = new Date(`${date}T${clock}`).getTime();
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** Today and now (to the minute) in local time, the form's defaults. */
export function nowParts(now: Date = new Date()): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
  };
}

export function toEventInput(customerId: number, values: EventFormValues, declared: readonly string[]): EventInput | null {
  const at = localSeconds(values.date, values.time);
  if (at === null) return null;
  const properties: Record<string, string> = {};
  for (const key of declared) {
    const value = values.properties?.[key]?.trim() ?? "";
    if (value !== "") properties[key] = value;
  }
  return {
    customer_id: customerId,
    kind: values.kind,
    occurred_at: at,
    amount: values.amount ?? null,
    properties,
  };
}
