import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useScaledScroll } from "./useScaledScroll";

function List({ search }: { search: string }) {
  const scroller = useScaledScroll({ total: 5000, rowHeight: 48, headerHeight: 40, overscan: 2, resetKey: search });
  return (
    <div ref={scroller.scrollRef} data-testid="scroller" data-offset={scroller.offset} style={{ height: 400, overflow: "auto" }}>
      <div style={{ height: scroller.height }} />
    </div>
  );
}

describe("useScaledScroll", () => {
  it("a_new_search_shows_its_results_from_the_top_even_when_scrolled_down", () => {
    const { getByTestId, rerender } = render(<List search="" />);
    const el = getByTestId("scroller");
    act(() => {
      el.scrollTop = 4800;
      el.dispatchEvent(new Event("scroll"));
    });
    expect(Number(el.dataset.offset)).toBeGreaterThan(0);

    rerender(<List search="张" />);

    expect(el.scrollTop).toBe(0);
    expect(Number(el.dataset.offset)).toBe(0);
  });
});
