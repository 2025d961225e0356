//! The one place the health page's charts meet Chart.js (docs/UI_CHARTS.md says why Chart.js,
//! the one chart library that loads under the window's frozen Object.prototype): only the
//! pieces these charts draw are registered, and every chart gets the same motion and colours.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartOptions } from "chart.js";
import { theme } from "antd";
import { useMemo, useState } from "react";
import { useReducedMotion } from "../../lib/motion";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const GROW = { duration: 300 };

/** Bars grow in only when the desktop allows motion, and never under test (a test reads the
 * chart at once; a bar still growing would hold its old height). */
export function useChartAnimation(): ChartOptions<"bar">["animation"] {
  const reduced = useReducedMotion();
  return reduced || import.meta.env.MODE === "test" ? false : GROW;
}

export interface ChartColors {
  added: string;
  removed: string;
  covered: string;
  both: string;
  text: string;
  secondary: string;
  grid: string;
  font: string;
}

/** Colours from the antd theme, so the charts follow the app's palette (and a dark theme). */
export function useChartColors(): ChartColors {
  const { token } = theme.useToken();
  // One object per theme: a new one each render would rebuild and redraw every chart.
  return useMemo(
    () => ({
      added: token.colorSuccess,
      removed: token.colorError,
      covered: token.colorPrimary,
      both: token.colorWarning,
      text: token.colorText,
      secondary: token.colorTextSecondary,
      grid: token.colorBorderSecondary,
      font: token.fontFamily,
    }),
    [token],
  );
}

/** Whether this WebView hands out a 2D canvas. Without one (jsdom, or WebKit out of canvas
 * memory) Chart.js cannot draw and react-chartjs-2 throws on its next update, taking the page
 * down: the charts then show their numbers as text instead. Asked once per chart. */
export function useCanvas(): boolean {
  const [drawable] = useState(() => document.createElement("canvas").getContext("2d") !== null);
  return drawable;
}

/** The tooltip's title and body in the app's font (every chart of the page). */
export function tooltipFonts(colors: ChartColors) {
  return { titleFont: { family: colors.font }, bodyFont: { family: colors.font } };
}
