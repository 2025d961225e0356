import { afterEach, describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { Work } from "../../lib/ipc";
import { finishedText, interruptedText, WORK_KINDS } from "./workText";

const CJK = /[\u4e00-\u9fff]/;
const when = { time: "11/13 09:30", actor: "店长" };

/** A work of `kind` with a file when the kind has one. */
function sample(kind: Work["kind"]): Work {
  switch (kind) {
    case "customers_import":
    case "events_import":
    case "import_undo":
      return { kind, file: "/data/ZZfile.xlsx" };
    default:
      return { kind };
  }
}

describe("work wordings", () => {
  afterEach(async () => {
    await i18n.changeLanguage("zh-CN");
  });

  it("every_kind_of_work_reads_as_a_chinese_and_an_english_sentence_in_both_notices", async () => {
    for (const word of [finishedText, interruptedText]) {
      for (const kind of WORK_KINDS) {
        await i18n.changeLanguage("zh-CN");
        const chinese = word(i18n.t, sample(kind), when);
        await i18n.changeLanguage("en");
        const english = word(i18n.t, sample(kind), when);
        expect(CJK.test(chinese), `${word.name} ${kind}: ${chinese}`).toBe(true);
        expect(CJK.test(english.replace(when.actor, "")), `${word.name} ${kind}: ${english}`).toBe(false);
        expect(english, `${word.name} ${kind}`).toContain(when.time);
      }
    }
  });

  it("a_work_that_read_a_file_names_the_file_without_its_folders", () => {
    for (const kind of ["customers_import", "events_import", "import_undo"] as const) {
      expect(finishedText(i18n.t, sample(kind), when), kind).toContain("「ZZfile.xlsx」");
      const interrupted = interruptedText(i18n.t, sample(kind), when);
      expect(interrupted, kind).toContain("ZZfile.xlsx");
      expect(interrupted, kind).not.toContain("/data/");
    }
  });
});
