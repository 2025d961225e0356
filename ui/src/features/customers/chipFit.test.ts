import { describe, expect, it } from "vitest";
import { chipsThatFit } from "./chipFit";

// Every character 10 px: a chip is 10 × length + 16, chips 4 px apart.
const width = (text: string) => text.length * 10;

describe("chipsThatFit", () => {
  it("shows_every_chip_when_all_fit", () => {
    // 36 + 4 + 36 = 76
    expect(chipsThatFit(["ab", "cd"], 76, width)).toBe(2);
  });

  it("leaves_room_for_the_plus_n_chip_when_not_all_fit", () => {
    // "ab" (36) "+2" (36) take 76; "ab" "cd" "+1" take 116; all three would take 136.
    expect(chipsThatFit(["ab", "cd", "efgh"], 100, width)).toBe(1);
    expect(chipsThatFit(["ab", "cd", "efgh"], 116, width)).toBe(2);
    expect(chipsThatFit(["ab", "cd", "efgh"], 136, width)).toBe(3);
  });

  it("shows_only_plus_n_when_not_even_one_chip_fits", () => {
    expect(chipsThatFit(["a long tag name", "b"], 60, width)).toBe(0);
  });

  it("no_tags_show_nothing", () => {
    expect(chipsThatFit([], 10, width)).toBe(0);
  });
});
