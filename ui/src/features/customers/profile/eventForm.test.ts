import { describe, expect, it } from "vitest";
import { localSeconds, nowParts, toEventInput } from "./eventForm";

describe("event form", () => {
  it("a_local_date_and_time_become_unix_seconds_and_a_missing_time_is_midnight", () => {
    const noon = localSeconds("2025-01-03", "12:30");
    const midnight = localSeconds("2025-01-03", "");
    expect(noon).toBe(new Date(2025, 0, 3, 12, 30).getTime() / 1000);
    expect(midnight).toBe(new Date(2025, 0, 3).getTime() / 1000);
    expect(localSeconds("3.1.2025", "12:00")).toBeNull();
  });

  it("only_declared_filled_in_properties_are_sent", () => {
    const input = toEventInput(
      7,
      { kind: "下单", date: "2025-01-03", time: "09:00", amount: 99, properties: { product: " 企业版 ", channel: "", old: "x" } },
      ["product", "channel"],
    );
    expect(input).toEqual({
      customer_id: 7,
      kind: "下单",
      occurred_at: new Date(2025, 0, 3, 9, 0).getTime() / 1000,
      amount: 99,
      properties: { product: "企业版" },
    });
  });

  it("the_defaults_are_today_and_the_current_minute", () => {
    expect(nowParts(new Date(2025, 5, 7, 8, 5))).toEqual({ date: "2025-06-07", time: "08:05" });
  });
});
