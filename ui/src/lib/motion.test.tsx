import { QueryClient } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { theme } from "antd";
import { afterEach, describe, expect, it } from "vitest";
import { Providers } from "../app/Providers";

/** A matchMedia whose reduced-motion answer the test changes, telling listeners as a desktop would. */
function desktop(reduced: boolean) {
  const listeners = new Set<() => void>();
  const original = window.matchMedia;
  const state = { reduced };
  window.matchMedia = (query: string) =>
    ({
      get matches() {
        return query.includes("prefers-reduced-motion: reduce") && state.reduced;
      },
      media: query,
      addEventListener: (_: string, l: () => void) => listeners.add(l),
      removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    }) as unknown as MediaQueryList;
  return {
    set(value: boolean) {
      state.reduced = value;
      listeners.forEach((l) => l());
    },
    restore: () => (window.matchMedia = original),
  };
}

function MotionToken() {
  const { token } = theme.useToken();
  return <span data-testid="motion">{String(token.motion)}</span>;
}

let restore = () => {};
afterEach(() => restore());

describe("motion follows the desktop's reduced-motion setting", () => {
  it("switches antd's motion off while the desktop asks for less, and back on", () => {
    const d = desktop(true);
    restore = d.restore;
    render(
      <Providers client={new QueryClient()}>
        <MotionToken />
      </Providers>,
    );
    expect(screen.getByTestId("motion")).toHaveTextContent("false");
    act(() => d.set(false));
    expect(screen.getByTestId("motion")).toHaveTextContent("true");
  });

  it("keeps motion on a desktop that does not ask", () => {
    restore = desktop(false).restore;
    render(
      <Providers client={new QueryClient()}>
        <MotionToken />
      </Providers>,
    );
    expect(screen.getByTestId("motion")).toHaveTextContent("true");
  });
});
