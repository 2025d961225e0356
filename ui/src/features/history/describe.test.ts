import { afterEach, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { Operation } from "../../lib/ipc";
import { describeOperation } from "./describe";

const edit: Operation = {
  id: 12,
  uid: "d-12",
  author: "李娜",
  device: "d",
  kind: "edit",
  source: "manual",
  at: 1_764_000_000,
  customers: 0,
  tags: 0,
  tag_name: null,
  entity: "custom_field",
  action: "delete",
  file: null,
  undoes: null,
  undone_by: null,
  can_undo: true,
  subject: "会员卡号",
};

describe("describeOperation", () => {
  afterEach(async () => {
    await i18n.changeLanguage("zh-CN");
  });

  it("names_the_field_segment_or_rule_an_edit_changed_in_chinese_and_english", async () => {
    await i18n.changeLanguage("zh-CN");
    expect(describeOperation(i18n.t, edit)).toBe("删除自定义字段「会员卡号」");
    expect(describeOperation(i18n.t, { ...edit, entity: "segment", action: "create", subject: "上海高价值" })).toBe("新建分群「上海高价值」");
    await i18n.changeLanguage("en");
    expect(describeOperation(i18n.t, edit)).toBe("Deleted custom field “会员卡号”");
    expect(describeOperation(i18n.t, { ...edit, entity: "rfm_settings", action: "update", subject: undefined })).toBe("Changed RFM settings");
  });

  it("names_what_an_undo_took_back", async () => {
    const undo: Operation = { ...edit, id: 13, kind: "undo", undoes: 12, entity: "rule", action: "update", subject: "上海VIP" };
    await i18n.changeLanguage("zh-CN");
    expect(describeOperation(i18n.t, undo)).toBe("撤销操作 #12（规则「上海VIP」）");
    await i18n.changeLanguage("en");
    expect(describeOperation(i18n.t, undo)).toBe("Undid operation #12 (rule “上海VIP”)");
    expect(describeOperation(i18n.t, { ...undo, subject: undefined })).toBe("Undid operation #12");
  });
});
