//! Text the charts draw on their canvas, which cannot wrap or truncate by itself.

/** A "YYYY-MM-DD" day as the language writes it: short (11/3, 11月3日) under a bar, long
 * (2026/11/03) in a tooltip. Read as UTC so no time zone moves it to the day before. */
export function formatDay(day: string, language: string, style: "short" | "long"): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const parts: Intl.DateTimeFormatOptions =
    style === "short" ? { month: "numeric", day: "numeric" } : { year: "numeric", month: "2-digit", day: "2-digit" };
  return new Intl.DateTimeFormat(language, { ...parts, timeZone: "UTC" }).format(date);
}

/** Rough width at 12 px: a CJK character is about 12 px wide, a Latin one about 7 (as in
 * value/BarChart.tsx), close enough to keep a label inside its column. */
export function textWidth(text: string): number {
  return [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);
}

/** The label cut to `width` px with an ellipsis at its end, never broken per character; the
 * chart shows the whole name on hover. */
export function shorten(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  const chars = [...text];
  let kept = "";
  for (const c of chars) {
    if (textWidth(`${kept}${c}…`) > width) break;
    kept += c;
  }
  return `${kept.trimEnd()}…`;
}
