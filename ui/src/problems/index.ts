//! Words a problem from the backend in the UI's language: the one place that turns a code with
//! parameters into a sentence on screen.
import i18n from "../i18n";
import { toLanguage, type Language } from "../i18n/languages";
import type { Problem } from "../lib/ipc";
import { en, KINDS_EN, NEEDS_EN, OPS_EN, THINGS_EN } from "./en";
import type { Wording, Words } from "./wording";
import { KINDS_ZH, NEEDS_ZH, OPS_ZH, THINGS_ZH, zh } from "./zh";

const TABLES: Record<Language, Wording> = { "zh-CN": zh, en };

function words(language: Language): Words {
  const numbers = new Intl.NumberFormat(language);
  const zhCn = language === "zh-CN";
  const self: Words = {
    n: (value) => numbers.format(value),
    list: (items) => items.map(String).join(zhCn ? "、" : ", "),
    thing: (thing) => (zhCn ? THINGS_ZH : THINGS_EN)[thing],
    op: (op) => (zhCn ? OPS_ZH : OPS_EN)[op],
    kind: (kind) => (zhCn ? KINDS_ZH : KINDS_EN)[kind],
    need: (need) => (zhCn ? NEEDS_ZH : NEEDS_EN)[need],
    word: (problem) => problemText(problem, language),
  };
  return self;
}

/** The problem as a sentence in `language` (default: the UI's current language). */
export function problemText(problem: Problem, language: Language = toLanguage(i18n.language)): string {
  const table = TABLES[language];
  // The union's members and the table's keys are the same codes; TypeScript cannot pair a
  // member with its own function through an index, so the call goes through one cast.
  const word = table[problem.code] as (p: Problem, w: Words) => string;
  return word(problem, words(language));
}
