import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { fileName, formatBytes, formatDateTime, formatNumber, formatRelative, percent } from "./format";

describe("format", () => {
  it("relative_time_uses_the_largest_whole_unit_in_both_languages", () => {
    const now = 1_764_000_000;
    expect(formatRelative(now - 20, "en", now)).toBe("now");
    expect(formatRelative(now - 5 * 60 - 30, "en", now)).toBe("5 minutes ago");
    expect(formatRelative(now - 125 * 60, "en", now)).toBe("2 hours ago");
    expect(formatRelative(now - 26 * 3600, "en", now)).toBe("yesterday");
    expect(formatRelative(now - 5 * 60, "zh-CN", now)).toBe("5分钟前");
    expect(formatRelative(now + 90, "en", now), "a clock slightly ahead is not in the future").toBe("now");
  });

  it("file_name_takes_the_last_segment_of_posix_and_windows_paths", () => {
    expect(fileName("/home/a/TagDesk/demo.sqlite")).toBe("demo.sqlite");
    expect(fileName("C:\\Users\\a\\customers.db")).toBe("customers.db");
  });

  it("bytes_are_shown_in_the_largest_whole_unit", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });

  it("coverage_of_an_empty_database_is_zero_not_nan", () => {
    expect(percent(3, 0)).toBe("0");
    expect(percent(1, 3)).toBe("33");
    expect(percent(1, 300)).toBe("0.3");
  });

  it("times_use_the_24_hour_clock_in_both_languages", () => {
    const afternoon = new Date(2025, 0, 3, 14, 5).getTime() / 1000;
    const zh = formatDateTime(afternoon, "zh-CN");
    const en = formatDateTime(afternoon, "en");
    expect(zh).toContain("14:05");
    expect(en).toContain("14:05");
    expect(`${zh} ${en}`, "no AM/PM or 上午/下午 marker").not.toMatch(/AM|PM|上午|下午/);
    const midnight = formatDateTime(new Date(2025, 0, 3, 0, 30).getTime() / 1000, "en");
    expect(midnight, "just after midnight is 00:30, not 24:30 or 12:30").toContain("00:30");
  });

  it("counts_carry_thousands_separators_in_both_languages", () => {
    expect(formatNumber(3000, "en")).toBe("3,000");
    expect(formatNumber(1234567, "zh-CN")).toBe("1,234,567");
    expect(formatNumber(999, "en")).toBe("999");
    expect(formatNumber(1234.5678, "en", 1)).toBe("1,234.6");
  });

  it("every_number_a_translation_interpolates_gets_thousands_separators", async () => {
    const t = i18n.getFixedT("en");
    expect(t("value.keptManual", { count: 3000 })).toContain("3,000");
    expect(t("value.changed", { added: 12000, removed: 4500 })).toMatch(/12,000.*4,500/);
    const zh = i18n.getFixedT("zh-CN");
    expect(zh("value.keptManual", { count: 3000 })).toContain("3,000");
    expect(t("value.changed", { added: "12000", removed: 1 }), "strings (ids, codes) stay as given").toContain("12000");
  });
});
