import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { tagsTree } from "../../lib/ipc";
import { tagNode } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { TagsPage } from "./TagsPage";

const tree = {
  total_customers: 200,
  nodes: [
    tagNode(1, null, "客户属性", { kind: "category" }),
    tagNode(2, 1, "客户等级", {
      kind: "group",
      select_mode: "single",
      customer_count: 150,
      meaning: "按年消费划分的客户等级",
      owner: "销售部",
    }),
    tagNode(3, 2, "VIP", { customer_count: 50, effective_color: "#fa541c" }),
    tagNode(4, 2, "普通", { customer_count: 100 }),
    tagNode(5, null, "RFM", { kind: "group", select_mode: "single", origin: "automatic", customer_count: 0 }),
  ],
};

const node = (name: string) => {
  const found = screen.getAllByTestId("tag-node").find((el) => el.getAttribute("data-name") === name);
  if (found === undefined) throw new Error(`no tag node named ${name}`);
  return found;
};

describe("TagsPage", () => {
  it("shows_every_node_expanded_with_count_coverage_and_badges", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    expect(screen.getAllByTestId("tag-node")).toHaveLength(5);
    expect(within(node("VIP")).getByTestId("tag-count")).toHaveTextContent("50");
    expect(node("VIP")).toHaveTextContent("25%");
    expect(node("客户等级")).toHaveTextContent("单选");
    expect(node("RFM")).toHaveTextContent("自动");
    expect(within(node("客户属性")).queryByTestId("tag-count"), "categories carry no count").toBeNull();
  });

  it("search_keeps_matching_nodes_and_their_ancestors_only", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    await user.type(screen.getByTestId("tag-search"), "vip");
    const names = screen.getAllByTestId("tag-node").map((el) => el.getAttribute("data-name"));
    expect(names).toEqual(["客户属性", "客户等级", "VIP"]);
  });

  it("selecting_a_node_shows_its_dictionary_entry", async () => {
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<TagsPage />);
    await screen.findByTestId("tag-tree");
    expect(screen.getByText("选择左侧的节点查看词典信息")).toBeInTheDocument();
    await user.click(node("客户等级"));
    const details = screen.getByTestId("tag-details");
    expect(details).toHaveTextContent("按年消费划分的客户等级");
    expect(details).toHaveTextContent("销售部");
    expect(details).toHaveTextContent("75%");
  });
});
