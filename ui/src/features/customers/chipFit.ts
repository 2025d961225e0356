//! How many tag chips fit a cell: each chip is its name's width plus antd's tag padding and
//! border, chips sit 4 px apart, and when some are left out a "+N" chip needs room too.
import { theme } from "antd";

const CHIP_EXTRA = 16; // 7 px padding and 1 px border on each side
const GAP = 4;
// antd's small text size and font, which tags use.
const { fontSizeSM: FONT_SIZE, fontFamily } = theme.getDesignToken();

/** The first how many of `names` show in `room` px, leaving room for "+N" when not all do. */
export function chipsThatFit(names: readonly string[], room: number, width: (text: string) => number): number {
  const chip = (text: string) => width(text) + CHIP_EXTRA;
  let used = 0;
  for (let i = 0; i < names.length; i++) {
    used += (i > 0 ? GAP : 0) + chip(names[i]!);
    const left = names.length - i - 1;
    const more = left === 0 ? 0 : GAP + chip(`+${left}`);
    if (used + more > room) return i;
  }
  return names.length;
}

let context: CanvasRenderingContext2D | null | undefined;

/** A text's width in the tags' font, measured on a canvas; estimated where there is none. */
export function textWidth(text: string): number {
  if (context === undefined) {
    context = document.createElement("canvas").getContext("2d");
    if (context !== null) context.font = `${FONT_SIZE}px ${fontFamily}`;
  }
  if (context !== null) return context.measureText(text).width;
  // No canvas (tests): a CJK character is a full em, anything else a generous 0.62 em.
  return [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? FONT_SIZE : FONT_SIZE * 0.62), 0);
}
