//! Small display formatters shared by several pages.

/** The last path segment of a file path, for POSIX and Windows paths alike. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? path;
}

/** A date (unix seconds) in the given UI language, e.g. 2025/01/03 or 01/03/2025. */
export function formatDate(unixSeconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, { year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(unixSeconds * 1000),
  );
}

/**
 * A date and time (unix seconds) in the given UI language, on the 24-hour clock in both
 * languages: Chinese readers expect it, and English follows it so every time in the app reads
 * one way (no "02:05 PM" beside "14:05") and a column of times keeps one width.
 */
export function formatDateTime(unixSeconds: number, language: string): string {
  return new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(unixSeconds * 1000));
}

/** A count or amount with the language's thousands separators (3,000), at most `digits` decimals. */
export function formatNumber(value: number, language: string, digits = 3): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A byte count as B, KB, MB or GB with one decimal above bytes. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} ${units[0]}` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Share of `part` in `whole` as a percentage with one decimal; 0 when `whole` is 0. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return "0";
  const p = (part / whole) * 100;
  return p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1);
}

/**
 * How long ago `unixSeconds` was, in words of the given UI language ("5 分钟前", "3 hours ago");
 * the exact time goes beside it (formatDateTime) for whoever needs it.
 */
export function formatRelative(unixSeconds: number, language: string, nowSeconds: number = Date.now() / 1000): string {
  const words = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
  const ago = Math.max(0, nowSeconds - unixSeconds);
  if (ago < 60) return words.format(0, "second");
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, "minute"],
    [3600, "hour"],
    [86_400, "day"],
    [30 * 86_400, "month"],
    [365 * 86_400, "year"],
  ];
  // The largest unit that fits at least once: "2 hours ago", not "125 minutes ago".
  const [size, unit] = steps.filter(([step]) => ago >= step).pop() ?? steps[0]!;
  return words.format(-Math.floor(ago / size), unit);
}
