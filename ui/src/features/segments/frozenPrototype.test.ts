// Tauri runs the window with `freezePrototype` (an init script runs Object.freeze(Object.prototype)
// before the app's code); libraries that assign onto prototypes while loading stop the whole
// bundle. These were checked under a frozen Object.prototype and fail: dayjs (pulled in by
// @react-querybuilder/antd and antd's date pickers) and echarts; recharts (its decimal.js-light
// sets `valueOf` on a plain object); @visx, @nivo and victory (d3-color, under them, sets
// `constructor` on one) (docs/UI_CHARTS.md). Chart.js loads and draws frozen:
// health/frozenCharts.test.tsx keeps it so.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FORBIDDEN = ["dayjs", "echarts", "echarts-for-react", "@react-querybuilder/antd", "d3-color", "recharts", "@visx", "@nivo", "victory"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("libraries that cannot load under freezePrototype", () => {
  it("no_ui_module_imports_a_library_that_writes_to_object_prototype_while_loading", () => {
    const root = join(__dirname, "..", "..");
    const offenders = sources(root).filter((file) => {
      const text = readFileSync(file, "utf8");
      return FORBIDDEN.some((pkg) => new RegExp(`from\\s+["']${pkg.replace("/", "\\/")}(/[^"']*)?["']|import\\(["']${pkg}`).test(text));
    });
    expect(offenders, "these modules import a library that breaks the window at start").toEqual([]);
  });
});
