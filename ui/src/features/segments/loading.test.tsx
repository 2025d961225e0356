import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test/render";
import { LiveCount } from "./builder/LiveCount";
import { SegmentList } from "./SegmentList";

const noop = () => {};

describe("loading is not emptiness", () => {
  it("the_segment_list_says_it_is_loading_not_that_there_are_no_segments", () => {
    renderWithProviders(<SegmentList segments={undefined} selectedId={null} onOpen={noop} onNew={noop} onDeleted={noop} />);
    expect(screen.getByTestId("segments-loading")).toHaveTextContent("正在读取分群");
    expect(screen.queryByTestId("segments-empty")).toBeNull();
  });

  it("an_empty_segment_list_says_so_once_known", () => {
    renderWithProviders(<SegmentList segments={[]} selectedId={null} onOpen={noop} onNew={noop} onDeleted={noop} />);
    expect(screen.getByTestId("segments-empty")).toBeInTheDocument();
  });

  it("the_live_count_says_counting_not_nobody_before_the_first_answer", () => {
    renderWithProviders(<LiveCount total={undefined} state="counting" problem={null} sample={[]} millis={undefined} />);
    expect(screen.getByTestId("segment-sample-loading")).toHaveTextContent("计算中");
    expect(screen.queryByText("没有客户符合")).toBeNull();
  });

  it("the_live_count_says_nobody_when_the_count_is_zero", () => {
    renderWithProviders(<LiveCount total={0} state="ready" problem={null} sample={[]} millis={1} />);
    expect(screen.getByText("没有客户符合")).toBeInTheDocument();
  });
});

describe("dashboard", () => {
  it("says_it_is_counting_until_the_pinned_counts_arrive", async () => {
    const { segmentsDashboard } = await import("../../lib/ipc");
    const { Dashboard } = await import("./Dashboard");
    let answer: (v: []) => void = () => undefined;
    vi.mocked(segmentsDashboard).mockReturnValue(new Promise((r) => (answer = r)));
    renderWithProviders(<Dashboard onOpen={noop} />);
    expect(screen.getByTestId("dashboard-loading")).toBeInTheDocument();
    expect(screen.queryByTestId("dashboard-empty")).toBeNull();
    answer([]);
    expect(await screen.findByTestId("dashboard-empty")).toBeInTheDocument();
  });
});
