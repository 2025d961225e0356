//! A small filled circle in a tag's colour.
export function ColorDot({ color }: { color: string }) {
  return <span className="color-dot" style={{ background: color }} aria-hidden />;
}
