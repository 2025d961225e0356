//! Test helper: jsdom has no canvas, so Chart.js would stop at "can't acquire context" and
//! nothing past it would run. This 2D context accepts every call and remembers the text drawn,
//! so a test runs the chart's whole layout and drawing path and can read what it wrote.
const ORIGINAL = HTMLCanvasElement.prototype.getContext;

export function drawnText(): string[] {
  return drawn;
}

let drawn: string[] = [];

export function stubCanvas(): void {
  drawn = [];
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    const state: Record<string | symbol, unknown> = {
      canvas: this,
      measureText: (text: string) => ({ width: String(text).length * 7, actualBoundingBoxAscent: 9, actualBoundingBoxDescent: 3 }),
      fillText: (text: string) => void drawn.push(String(text)),
      getLineDash: () => [],
      createLinearGradient: () => ({ addColorStop: () => undefined }),
    };
    return new Proxy(state, {
      get: (target, key) => (key in target ? target[key] : () => undefined),
      set: (target, key, value) => {
        target[key] = value;
        return true;
      },
    }) as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
}

export function restoreCanvas(): void {
  HTMLCanvasElement.prototype.getContext = ORIGINAL;
}
