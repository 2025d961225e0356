import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { editorOf, offHub, viewer } from "../../test/rights";
import { wordRights } from "./useRights";

const t = i18n.t.bind(i18n);

describe("wordRights", () => {
  it("off_a_hub_or_before_the_answer_everything_is_allowed", () => {
    for (const rights of [null, offHub]) {
      const r = wordRights(rights, t);
      expect(r.readOnly).toBeNull();
      expect(r.notAdmin).toBeNull();
      expect(r.groupLocked(2)).toBeNull();
    }
  });

  it("an_admin_may_change_everything", () => {
    const r = wordRights({ on_hub: true, role: "admin", department: null, locked_groups: [] }, t);
    expect([r.readOnly, r.notAdmin, r.groupLocked(2)]).toEqual([null, null, null]);
  });

  it("an_editor_may_not_change_settings_nor_another_departments_group", () => {
    const r = wordRights(editorOf("销售部", [{ group_id: 2, department: "市场部" }]), t);
    expect(r.readOnly).toBeNull();
    expect(r.notAdmin).toBe("只有团队的管理员和所有者可以修改此项");
    expect(r.groupLocked(2)).toBe("此分组由市场部负责，只有该部门的成员、管理员和所有者可以修改");
    expect(r.groupLocked(3), "a group no other department owns").toBeNull();
    expect(r.groupLocked(null), "the top level").toBeNull();
  });

  it("a_viewer_may_change_nothing_and_every_reason_says_so", () => {
    const r = wordRights(viewer, t);
    expect(r.readOnly).toBe("你在团队中心的角色是「只读」：可以查看，不能修改");
    expect(r.notAdmin).toBe(r.readOnly);
    expect(r.groupLocked(3)).toBe(r.readOnly);
    expect(r.groupLocked(null)).toBe(r.readOnly);
  });

  it("speaks_english_when_the_app_does", async () => {
    await i18n.changeLanguage("en");
    const r = wordRights(editorOf("Sales", [{ group_id: 2, department: "Marketing" }]), t);
    expect(r.groupLocked(2)).toBe("This group belongs to Marketing: only its members, admins and the owner can change it");
  });
});
