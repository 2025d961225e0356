import { describe, expect, it } from "vitest";
import { fileName, formatBytes, percent } from "./format";

describe("format", () => {
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
});
