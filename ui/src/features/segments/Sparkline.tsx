//! A small line of a pinned segment's daily counts, drawn as SVG. Not echarts: echarts writes
//! `constructor` onto plain objects while loading, which throws under the app's
//! `freezePrototype`, so the window would not start.
export function Sparkline({ points, width = 160, height = 36, color = "#1677ff" }: { points: readonly number[]; width?: number; height?: number; color?: string }) {
  if (points.length === 0) return null;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const xy = points.map((p, i) => [points.length > 1 ? i * step : width / 2, height - 2 - ((p - min) / span) * (height - 4)] as const);
  const line = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  const last = xy[xy.length - 1]!;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-hidden="true" data-testid="sparkline" data-points={points.length}>
      <polyline points={line} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" />
      <circle cx={last[0]} cy={last[1]} r={2.5} fill={color} />
    </svg>
  );
}
