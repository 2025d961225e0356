import { afterEach, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { Operation } from "../../lib/ipc";
import { describeOperation } from "./describe";

const merge: Operation = {
  id: 20,
  uid: "d-20",
  author: "李娜",
  device: "d",
  kind: "edit",
  source: "manual",
  at: 1_764_000_000,
  customers: 200_000,
  tags: 2,
  tag_name: "高活跃",
  entity: "tag_node",
  action: "merge",
  file: null,
  undoes: null,
  undone_by: null,
  can_undo: true,
  subject: "高活",
};

describe("describeOperation for the tag tree", () => {
  afterEach(async () => {
    await i18n.changeLanguage("zh-CN");
  });

  it("says_which_tag_went_into_which_and_how_many_customers_a_merge_or_deletion_touched", async () => {
    const deletion: Operation = { ...merge, action: "delete", tag_name: null, customers: 1_234, subject: "旧渠道" };
    await i18n.changeLanguage("zh-CN");
    expect(describeOperation(i18n.t, merge)).toBe("把标签「高活」合并到「高活跃」（200,000 位客户）");
    expect(describeOperation(i18n.t, deletion)).toBe("删除标签「旧渠道」（1,234 位客户持有）");
    expect(describeOperation(i18n.t, { ...merge, action: "create", customers: 0, subject: "新客" })).toBe("新建标签「新客」");
    await i18n.changeLanguage("en");
    expect(describeOperation(i18n.t, merge)).toBe("Merged tag “高活” into “高活跃” (200,000 customers)");
    expect(describeOperation(i18n.t, deletion)).toBe("Deleted tag “旧渠道”, held by 1,234 customers");
    expect(describeOperation(i18n.t, { ...deletion, customers: 0 })).toBe("Deleted tag “旧渠道”");
  });
});
