import { describe, expect, it } from "vitest";
import { labelWidth } from "./BarChart";

describe("BarChart", () => {
  it("english_class_names_get_room_that_four_chinese_characters_do_not_need", () => {
    expect(labelWidth(["重要价值", "一般挽留"])).toBe(84);
    expect(labelWidth(["Important to develop"]), "20 Latin characters at 7.5 px").toBeGreaterThanOrEqual(150);
    expect(labelWidth(["x".repeat(100)]), "a very long name is capped").toBe(220);
  });
});
