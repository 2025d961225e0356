import { describe, expect, it } from "vitest";
import { customField } from "../../test/fixtures";
import { chosenColumns, columnKey, defaultColumnKeys } from "./exportOptions";

describe("export columns", () => {
  const fields = [customField(3, "积分", "number"), customField(4, "旧字段", "text", { archived: true })];

  it("ticked_columns_come_out_in_the_files_order_whatever_order_they_were_ticked_in", () => {
    expect(chosenColumns(fields, ["custom_field:3", "attribute:phone", "attribute:name"])).toEqual([
      { type: "attribute", attribute: "name" },
      { type: "attribute", attribute: "phone" },
      { type: "custom_field", field_id: 3 },
    ]);
  });

  it("the_default_is_every_attribute_the_creation_time_and_active_custom_fields", () => {
    const keys = defaultColumnKeys(fields);
    expect(keys).toContain("attribute:external_id");
    expect(keys).toContain(columnKey({ type: "created_at" }));
    expect(keys).toContain("custom_field:3");
    expect(keys).not.toContain("updated_at");
    expect(keys).not.toContain("custom_field:4");
  });
});
