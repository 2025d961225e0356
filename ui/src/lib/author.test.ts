import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { authorName, DEFAULT_AUTHOR, typedName } from "./author";

describe("author", () => {
  it("the_default_author_is_worded_in_the_current_language", () => {
    expect(authorName(i18n.getFixedT("en"), DEFAULT_AUTHOR)).toBe("Local user");
    expect(authorName(i18n.getFixedT("zh-CN"), DEFAULT_AUTHOR)).toBe("本机用户");
  });

  it("a_named_author_is_shown_as_stored_in_both_languages", () => {
    expect(authorName(i18n.getFixedT("en"), "李娜")).toBe("李娜");
    expect(authorName(i18n.getFixedT("zh-CN"), "Anna")).toBe("Anna");
  });

  it("the_default_author_is_no_name_to_type", () => {
    expect(typedName(DEFAULT_AUTHOR)).toBe("");
    expect(typedName("Anna")).toBe("Anna");
  });
});
