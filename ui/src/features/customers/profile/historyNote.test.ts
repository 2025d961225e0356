import { describe, expect, it } from "vitest";
import i18n from "../../../i18n";
import { noteText, parseNote } from "./historyNote";

const zh = i18n.getFixedT("zh-CN");
const en = i18n.getFixedT("en");

describe("history notes", () => {
  it("known_codes_read_in_chinese", () => {
    expect(noteText(zh, "replaced")).toBe("因同组单选被替换");
    expect(noteText(zh, "undo:12")).toBe("撤销了第 12 次批量操作");
    expect(noteText(zh, "merged_into:高活")).toBe("已合并到「高活」");
    expect(noteText(zh, "merged_from:高活跃")).toBe("由「高活跃」合并而来");
    expect(noteText(zh, "tag_deleted")).toBe("标签已删除");
  });

  it("known_codes_read_in_english", () => {
    expect(noteText(en, "replaced")).toBe("Replaced by another tag of the same single-choice group");
    expect(noteText(en, "undo:12")).toBe("Undid bulk operation #12");
    expect(noteText(en, "merged_into:VIP")).toBe("Merged into “VIP”");
    expect(noteText(en, "merged_from:A&B")).toBe("Merged from “A&B”");
    expect(noteText(en, "tag_deleted")).toBe("The tag was deleted");
  });

  it("a_tag_name_with_a_colon_is_kept_whole", () => {
    expect(parseNote("merged_into:活跃:高")).toEqual({ key: "historyNote.mergedInto", tag: "活跃:高" });
  });

  it("no_note_reads_as_nothing_and_unknown_codes_as_they_are", () => {
    expect(noteText(zh, null)).toBeNull();
    expect(noteText(zh, "")).toBeNull();
    expect(noteText(zh, "imported_from_crm")).toBe("imported_from_crm");
    expect(noteText(zh, "undo:abc")).toBe("undo:abc");
    expect(noteText(zh, "merged_into:")).toBe("merged_into:");
  });
});
