import { describe, expect, it } from "vitest";
import type { Problem } from "../lib/ipc";
import samples from "../lib/ipc/problemSamples.json";
import { en } from "./en";
import { problemText } from "./index";
import { zh } from "./zh";

// One problem of every code, written by the core's test beside the bindings.
const all = samples as Problem[];
const CJK = /[\u4e00-\u9fff]/;

describe("problem wordings", () => {
  it("both_tables_word_exactly_the_codes_the_core_reports", () => {
    const codes = all.map((p) => p.code).sort();
    expect(Object.keys(zh).sort()).toEqual(codes);
    expect(Object.keys(en).sort()).toEqual(codes);
  });

  it("every_problem_reads_as_a_chinese_and_an_english_sentence", () => {
    for (const p of all) {
      const chinese = problemText(p, "zh-CN");
      const english = problemText(p, "en");
      expect(chinese.trim(), p.code).not.toBe("");
      expect(english.trim(), p.code).not.toBe("");
      expect(CJK.test(chinese), `${p.code}: ${chinese}`).toBe(true);
      expect(chinese, p.code).not.toBe(english);
    }
  });

  it("counts_are_grouped_the_languages_way", () => {
    const inUse: Problem = { code: "tag_in_use", name: "高活跃", customers: 12345 };
    expect(problemText(inUse, "en")).toContain("12,345");
    expect(problemText(inUse, "zh-CN")).toContain("12,345");
  });

  it("a_nested_problem_is_worded_in_the_same_language", () => {
    const p: Problem = { code: "tag_item", item: "a/b", problem: { code: "name_too_long", limit: 40 } };
    expect(problemText(p, "zh-CN")).toBe("“a/b”：名称最多 40 个字符");
    expect(problemText(p, "en")).toBe("“a/b”: A name has at most 40 characters");
  });
});
