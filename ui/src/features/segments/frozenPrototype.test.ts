// Tauri runs the window with `freezePrototype`; libraries that assign onto prototypes while
// loading stop the whole bundle. These were checked under a frozen Object.prototype and fail:
// dayjs (pulled in by @react-querybuilder/antd and antd's date pickers) and echarts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FORBIDDEN = ["dayjs", "echarts", "echarts-for-react", "@react-querybuilder/antd"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("libraries that cannot load under freezePrototype", () => {
  it("no_ui_module_imports_dayjs_echarts_or_the_antd_skin_of_react_querybuilder", () => {
    const root = join(__dirname, "..", "..");
    const offenders = sources(root).filter((file) => {
      const text = readFileSync(file, "utf8");
      return FORBIDDEN.some((pkg) => new RegExp(`from\\s+["']${pkg.replace("/", "\\/")}(/[^"']*)?["']|import\\(["']${pkg}`).test(text));
    });
    expect(offenders, "these modules import a library that breaks the window at start").toEqual([]);
  });
});
