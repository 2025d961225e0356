import { describe, expect, it } from "vitest";
import en from "../../i18n/en.json";
import zhCN from "../../i18n/zh-CN.json";
import { CUSTOMER_ATTRIBUTES } from "../../lib/ipc/attributes";
import { COLUMNS } from "./columns";
import { ATTRIBUTES as IMPORT_ATTRIBUTES } from "../io/spec";
import { CHOICE_FIELDS, FORM_FIELDS, OPTION_WORDS } from "./profile/customerForm";

type Tree = { [key: string]: string | Tree };

/** The text at a dotted path, or undefined. */
function word(tree: Tree, path: string): string | undefined {
  let at: string | Tree | undefined = tree;
  for (const part of path.split(".")) at = typeof at === "object" ? at[part] : undefined;
  return typeof at === "string" && at.trim() !== "" ? at : undefined;
}

/** The paths under which the UI words each attribute, for the attributes shown there. */
function wordedPaths(): string[] {
  return CUSTOMER_ATTRIBUTES.flatMap((a) => [
    // The segment and rule builders list every attribute.
    `segments.field.${a.key}`,
    ...(a.sort !== null ? [`customers.col.${a.key}`] : []),
    ...(a.attribute !== null ? [`customer.field.${a.key}`] : []),
  ]);
}

describe("customer attribute words", () => {
  it("every_attribute_of_the_table_has_its_labels_in_both_languages", () => {
    const missing = wordedPaths().flatMap((path) =>
      [
        ["zh-CN", zhCN],
        ["en", en],
      ].flatMap(([language, tree]) => (word(tree as Tree, path) === undefined ? [`${language as string}: ${path}`] : [])),
    );
    expect(missing, "add these to ui/src/i18n").toEqual([]);
  });

  it("every_option_of_a_choice_attribute_is_worded_in_both_languages", () => {
    const paths = CHOICE_FIELDS.flatMap((a) => a.options.map((o) => `${OPTION_WORDS[a.key]}.${o}`));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(word(zhCN as Tree, path), path).toBeDefined();
      expect(word(en as Tree, path), path).toBeDefined();
    }
  });

  it("the_list_the_form_and_the_import_take_their_attributes_from_the_table", () => {
    const sortable = CUSTOMER_ATTRIBUTES.flatMap((a) => (a.sort === null ? [] : [a.key]));
    expect(COLUMNS.filter((c) => c.sortable).map((c) => c.key)).toEqual(sortable);
    const entered = CUSTOMER_ATTRIBUTES.flatMap((a) => (a.attribute === null ? [] : [a.key]));
    expect([...FORM_FIELDS]).toEqual(entered);
    expect([...IMPORT_ATTRIBUTES]).toEqual(entered);
  });
});
