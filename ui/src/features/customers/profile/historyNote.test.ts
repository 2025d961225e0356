import { describe, expect, it } from "vitest";
import i18n from "../../../i18n";
import { noteText } from "./historyNote";

const zh = i18n.getFixedT("zh-CN");
const en = i18n.getFixedT("en");

describe("history notes", () => {
  it("every_note_reads_in_chinese", () => {
    expect(noteText(zh, { type: "replaced" })).toBe("因同组单选被替换");
    expect(noteText(zh, { type: "undo", batch: 12 })).toBe("撤销了第 12 次批量操作");
    expect(noteText(zh, { type: "merged_into", tag: "高活" })).toBe("已合并到「高活」");
    expect(noteText(zh, { type: "merged_from", tag: "高活跃" })).toBe("由「高活跃」合并而来");
    expect(noteText(zh, { type: "tag_deleted" })).toBe("标签已删除");
  });

  it("every_note_reads_in_english", () => {
    expect(noteText(en, { type: "replaced" })).toBe("Replaced by another tag of the same single-choice group");
    expect(noteText(en, { type: "undo", batch: 12 })).toBe("Undid bulk operation #12");
    expect(noteText(en, { type: "merged_into", tag: "VIP" })).toBe("Merged into “VIP”");
    expect(noteText(en, { type: "merged_from", tag: "A&B" })).toBe("Merged from “A&B”");
    expect(noteText(en, { type: "tag_deleted" })).toBe("The tag was deleted");
  });

  it("no_note_is_no_text_and_a_foreign_note_is_shown_as_written", () => {
    expect(noteText(zh, null)).toBeNull();
    expect(noteText(zh, { type: "other", text: "imported_from_crm" })).toBe("imported_from_crm");
  });
});
