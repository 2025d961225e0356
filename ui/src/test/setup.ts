// Test environment: jsdom shims antd needs, the IPC mocks (the one place IPC is mocked), fresh state per test.
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";
import i18n from "../i18n";
import { guardWindowClose } from "../lib/ipc/window";

// Every backend call in every test goes through these automatic mocks; tests set return values.
vi.mock("../lib/ipc/commands");
vi.mock("../lib/ipc/dialog");
vi.mock("../lib/ipc/window");

Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// jsdom does not implement pseudo-element styles, which antd asks for when measuring scrollbars.
const getComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => getComputedStyle(element);

// jsdom has no canvas (and complains when asked for one): text is measured by estimate instead.
HTMLCanvasElement.prototype.getContext = () => null;

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", { writable: true, value: ResizeObserverStub });
}

// jsdom lays nothing out, so a virtual list would see a 0×0 viewport and render no rows.
// Give the list's scroll container (and only it) a window-sized viewport.
for (const [prop, size] of [
  ["clientHeight", 600],
  ["clientWidth", 1200],
] as const) {
  const original = Object.getOwnPropertyDescriptor(Element.prototype, prop);
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      if (this.dataset.virtualScroll !== undefined) return size;
      return (original?.get?.call(this) as number | undefined) ?? 0;
    },
  });
}

beforeEach(async () => {
  // A page with unsaved work listens for the window's close request (leaveGuard.ts).
  vi.mocked(guardWindowClose).mockResolvedValue(() => undefined);
  localStorage.clear();
  await i18n.changeLanguage("zh-CN");
});

afterEach(() => {
  cleanup();
  vi.resetAllMocks();
});
