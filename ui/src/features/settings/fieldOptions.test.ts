import { describe, expect, it } from "vitest";
import { isChoiceKind, parseOptions } from "./fieldOptions";

describe("parseOptions", () => {
  it("splits on new lines and Chinese and Latin separators, trimming and dropping repeats", () => {
    expect(parseOptions("线上, 门店\n电话，线上、 展会 ")).toEqual(["线上", "门店", "电话", "展会"]);
  });
  it("ignores empty entries", () => {
    expect(parseOptions(" ,\n，")).toEqual([]);
  });
});

describe("isChoiceKind", () => {
  it("is true only for the two choice kinds", () => {
    expect(isChoiceKind("single_choice")).toBe(true);
    expect(isChoiceKind("multi_choice")).toBe(true);
    expect(isChoiceKind("number")).toBe(false);
  });
});
