import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { App } from "../../app/App";
import { appStatus, customersList, dbDismissInterrupted } from "../../lib/ipc";
import { openStatus, page } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";

const afterCrash = openStatus({
  database: {
    path: "/d/shop.sqlite",
    is_demo: false,
    integrity_checking: false,
    integrity_problem: null,
    read_only: false,
    interrupted: [],
    finished: [
      {
        work: { kind: "events_import", file: "C:\\数据\\十一月订单.xlsx" },
        actor: "店长",
        started_at: 1_763_000_000,
        finished_at: 1_763_000_600,
        customers: 1200,
        refreshed_value: true,
        rules_added: 35,
        rules_removed: 4,
      },
    ],
  },
});

describe("FinishedBanner", () => {
  it("names_the_import_whose_rules_the_opening_ran_after_a_crash_until_dismissed", async () => {
    vi.mocked(appStatus).mockResolvedValue(afterCrash);
    vi.mocked(customersList).mockResolvedValue(page([]));
    vi.mocked(dbDismissInterrupted).mockResolvedValue(openStatus());
    const { user } = renderWithProviders(<App />);
    const banner = await screen.findByTestId("finished-banner");
    expect(banner).toHaveTextContent("补做 1 项");
    const item = screen.getByTestId("finished-item");
    expect(item).toHaveTextContent("「十一月订单.xlsx」导入的事件已保存");
    expect(item).toHaveTextContent("RFM 和生命周期已重新计算");
    expect(item).toHaveTextContent("1,200 位客户");
    expect(item).toHaveTextContent("添加 35 个标签");
    await user.click(screen.getByTestId("finished-dismiss"));
    expect(dbDismissInterrupted).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId("finished-banner")).toBeNull());
  });

  it("speaks_english_when_the_app_does", async () => {
    vi.mocked(appStatus).mockResolvedValue({ ...afterCrash, language: "en" });
    vi.mocked(customersList).mockResolvedValue(page([]));
    renderWithProviders(<App />);
    const item = await screen.findByTestId("finished-item");
    await waitFor(() => expect(item).toHaveTextContent("The events imported from “十一月订单.xlsx”"));
    expect(item).toHaveTextContent("the rules ran over 1,200 customers: 35 tags given, 4 taken back");
  });
});
