import { describe, expect, it } from "vitest";
import en from "./en.json";
import zhCN from "./zh-CN.json";

type Tree = { [key: string]: string | Tree };

/** Flattens nested keys, folding plural forms (`_one`, `_other`) into their base key. */
function keys(tree: Tree, prefix = ""): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix + k.replace(/_(zero|one|two|few|many|other)$/, "");
    if (typeof v === "string") out.add(path);
    else for (const inner of keys(v, `${path}.`)) out.add(inner);
  }
  return out;
}

describe("translation resources", () => {
  it("english_and_chinese_define_the_same_keys", () => {
    const zh = [...keys(zhCN)].sort();
    const eng = [...keys(en)].sort();
    expect(eng, "every zh-CN key needs an English text and vice versa").toEqual(zh);
  });
});
