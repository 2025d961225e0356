import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersGet, customersUpdate, taggingAdd, taggingRemove, tagsTree, type Customer, type CustomerProfile as Profile } from "../../../lib/ipc";
import { tagNode } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/render";
import { CustomerProfile } from "./CustomerProfile";

const customer: Customer = {
  id: 1,
  created_at: 1_735_862_400,
  updated_at: 1_735_862_400,
  deleted_at: null,
  name: "王小明",
  phone: "13800001111",
  email: null,
  company: "星河科技",
  job_title: null,
  industry: null,
  province: "浙江",
  city: "杭州",
  source: "微信群",
  customer_type: "b2b",
  level: "VIP",
  gender: null,
  birthday: "1990-05-01",
  notes: null,
  external_id: null,
  custom: [{ field_id: 3, value: "A" }],
};

const profile: Profile = {
  customer,
  tag_groups: [
    {
      group_id: 2,
      path: "销售 / 跟进状态",
      select_mode: "single",
      tags: [{ id: 4, name: "待唤醒", color: "#fa8c16", source: "manual", actor: "李娜", at: 1_735_862_400 }],
    },
  ],
  history: [
    { id: 1, tag_id: 4, tag_path: "销售 / 跟进状态 / 待唤醒", action: "add", source: "rule", source_ref: 7, actor: "李娜", at: 1_735_862_400, note: null },
  ],
  events: [],
  event_count: 0,
};

const tree = {
  total_customers: 10,
  nodes: [
    tagNode(1, null, "销售", { kind: "category" }),
    tagNode(2, 1, "跟进状态", { kind: "group", select_mode: "single" }),
    tagNode(4, 2, "待唤醒"),
    tagNode(5, 2, "待邀约"),
  ],
};

function renderProfile() {
  vi.mocked(customersGet).mockResolvedValue(profile);
  vi.mocked(tagsTree).mockResolvedValue(tree);
  return renderWithProviders(<CustomerProfile id={1} onClose={vi.fn()} onChipClick={vi.fn()} onResult={vi.fn()} />);
}

describe("CustomerProfile", () => {
  it("a_rejected_save_marks_the_field_the_backend_names_with_its_message", async () => {
    vi.mocked(customersUpdate).mockRejectedValue({
      code: "invalid",
      message: "phone: “12345” is not a mobile number",
      path: null,
      field: "phone",
    });
    const { user } = renderProfile();
    const phone = await screen.findByTestId("field-phone");
    await user.clear(phone);
    await user.type(phone, "12345");
    await user.click(screen.getByTestId("profile-save"));
    await waitFor(() => expect(customersUpdate).toHaveBeenCalled());
    const [id, input] = vi.mocked(customersUpdate).mock.calls[0]!;
    expect(id).toBe(1);
    expect(input).toMatchObject({ name: "王小明", phone: "12345", birthday: "1990-05-01", custom: [{ field_id: 3, value: "A" }] });
    const item = phone.closest(".ant-form-item")!;
    await waitFor(() => expect(item).toHaveClass("ant-form-item-has-error"));
    expect(item).toHaveTextContent("“12345” is not a mobile number");
    expect(screen.getByTestId("form-error")).toHaveTextContent("输入的内容无效");
    expect(screen.getByTestId("field-email").closest(".ant-form-item"), "other fields stay clean").not.toHaveClass(
      "ant-form-item-has-error",
    );
  });

  it("shows_tags_by_group_and_removing_one_untags_only_this_customer", async () => {
    vi.mocked(taggingRemove).mockResolvedValue({ batch_id: 3, changed: 1, replaced: 0 });
    const { user } = renderProfile();
    const tag = await screen.findByTestId("profile-tag");
    expect(tag).toHaveAttribute("data-name", "待唤醒");
    expect(screen.getByTestId("profile-tags")).toHaveTextContent("销售 / 跟进状态");
    await user.click(tag.querySelector(".ant-tag-close-icon")!);
    await waitFor(() => expect(taggingRemove).toHaveBeenCalledWith({ type: "customers", ids: [1] }, 4));
    expect(await screen.findByTestId("profile-undo")).toBeInTheDocument();
  });

  it("adding_a_tag_of_a_single_select_group_previews_the_replacement_then_tags_the_customer", async () => {
    vi.mocked(taggingAdd).mockResolvedValue({ batch_id: 4, changed: 1, replaced: 1 });
    const { user } = renderProfile();
    await user.click(await screen.findByTestId("profile-add-tag"));
    const picker = await screen.findByTestId("tag-picker");
    await user.click(within(picker).getByRole("option", { name: /待邀约/ }));
    expect(screen.getByTestId("tag-picker-preview")).toHaveTextContent("「待唤醒」");
    await user.click(screen.getByTestId("tag-picker-ok"));
    await waitFor(() => expect(taggingAdd).toHaveBeenCalledWith({ type: "customers", ids: [1] }, 5));
    expect(await screen.findByTestId("profile-change")).toHaveTextContent("已为 1 位客户添加「待邀约」（替换 1 个同组标签）");
  });

  it("the_history_tab_reads_who_added_what_and_by_which_source", async () => {
    const { user } = renderProfile();
    await user.click(await screen.findByTestId("tab-history"));
    const entry = await screen.findByTestId("history-entry");
    expect(entry).toHaveTextContent("+ 待唤醒");
    expect(entry).toHaveTextContent("由 李娜 · 规则");
  });
});
