import { describe, expect, it } from "vitest";
import { customField } from "../../test/fixtures";
import { activeFields, displayValue, fromFormValue, isNumberText, toCustomFormValues, toCustomValues } from "./customFields";
import { faultyField } from "./profile/customerForm";

const level = customField(3, "会员等级", "single_choice", { options: ["A", "B"] });
const budget = customField(5, "预算", "number");
const hobbies = customField(6, "兴趣", "multi_choice", { options: ["跑步", "阅读"] });
const signed = customField(7, "签约日期", "date");

describe("custom field values", () => {
  it("only_fields_in_use_are_offered_in_settings_order", () => {
    const archived = customField(1, "旧", "text", { archived: true });
    expect(activeFields([signed, archived, budget, { ...level, position: 99 }]).map((f) => f.id)).toEqual([5, 7, 3]);
    expect(activeFields(undefined)).toEqual([]);
  });

  it("a_multi_choice_value_is_a_json_array_and_empty_is_empty_text", () => {
    expect(fromFormValue(hobbies, ["跑步", "阅读"])).toBe('["跑步","阅读"]');
    expect(fromFormValue(hobbies, [])).toBe("");
    expect(fromFormValue(hobbies, undefined)).toBe("");
    expect(fromFormValue(level, undefined)).toBe("");
    expect(fromFormValue(budget, " 50000 ")).toBe("50000");
    expect(toCustomFormValues([hobbies, level, signed], [{ field_id: 6, value: '["阅读"]' }, { field_id: 7, value: "2025-01-02" }])).toEqual({
      f6: ["阅读"],
      f3: undefined,
      f7: "2025-01-02",
    });
  });

  it("values_of_fields_not_on_the_form_pass_through", () => {
    const values = toCustomValues([budget], { f5: "12" }, [
      { field_id: 5, value: "1" },
      { field_id: 8, value: "archived" },
    ]);
    expect(values).toEqual([
      { field_id: 8, value: "archived" },
      { field_id: 5, value: "12" },
    ]);
  });

  it("number_text_accepts_numbers_and_empty_only", () => {
    for (const ok of ["", "50000", "-1.5", " 3 ", "1e3", ".5"]) expect(isNumberText(ok), ok).toBe(true);
    for (const bad of ["很多", "12abc", "1.2.3", "-", "NaN", "Infinity"]) expect(isNumberText(bad), bad).toBe(false);
  });

  it("a_list_cell_joins_multi_choice_options", () => {
    expect(displayValue(hobbies, '["跑步","阅读"]', "、")).toBe("跑步、阅读");
    expect(displayValue(hobbies, "not json", "、")).toBe("not json");
    expect(displayValue(budget, "50000", "、")).toBe("50000");
  });

  it("a_rejected_save_names_a_custom_field_by_its_label", () => {
    const error = { code: "invalid" as const, problem: { code: "number_invalid" as const, value: "x" }, message: "bad", path: null, field: "预算" };
    expect(faultyField(error, [level, budget])).toEqual(["custom", "f5"]);
    expect(faultyField({ ...error, field: "phone" }, [budget])).toBe("phone");
    expect(faultyField({ ...error, field: "不存在" }, [budget])).toBeNull();
    expect(faultyField({ ...error, code: "database" }, [budget])).toBeNull();
  });
});
