//! Horizontal bars, one per class or stage, drawn as SVG. Not echarts: it writes to frozen
//! prototypes while loading and the window would not start (see segments/Sparkline.tsx).
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format";

export interface Bar {
  key: string;
  label: string;
  value: number;
  color: string;
}

const ROW = 26;
const VALUE = 72;

/** Room for the longest label at 13 px: a CJK character is about 13 px wide, a Latin one 7.5,
 * so English class names ("Important to develop") get the width Chinese ones do not need. */
export function labelWidth(labels: readonly string[]): number {
  const widest = Math.max(0, ...labels.map((l) => [...l].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 13 : 7.5), 0)));
  return Math.min(220, Math.max(84, Math.ceil(widest) + 12));
}

export function BarChart({ bars, width = 520, testId }: { bars: readonly Bar[]; width?: number; testId?: string }) {
  const { i18n } = useTranslation();
  const max = Math.max(0, ...bars.map((b) => b.value));
  const LABEL = labelWidth(bars.map((b) => b.label));
  const room = width - LABEL - VALUE;
  const height = bars.length * ROW;
  return (
    <svg width="100%" style={{ maxWidth: width }} height={height} viewBox={`0 0 ${width} ${height}`} role="img" data-testid={testId}>
      {bars.map((b, i) => {
        const w = max === 0 ? 0 : (b.value / max) * room;
        const y = i * ROW;
        return (
          <g key={b.key} data-testid="bar" data-key={b.key} data-value={b.value}>
            <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="central" fontSize={13} fill="currentColor">
              {b.label}
            </text>
            <rect x={LABEL} y={y + 4} width={w.toFixed(1)} height={ROW - 8} rx={3} fill={b.color} />
            <text x={LABEL + w + 6} y={y + ROW / 2} dominantBaseline="central" fontSize={12} fill="currentColor" opacity={0.75}>
              {formatNumber(b.value, i18n.language)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
