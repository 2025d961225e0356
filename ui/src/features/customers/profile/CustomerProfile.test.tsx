import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { customersCreate, customersGet, customersUpdate, fieldsList, taggingAdd, taggingRemove, tagsTree, type Customer, type CustomerProfile as Profile } from "../../../lib/ipc";
import { customField, tagNode } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/render";
import { CustomerProfile } from "./CustomerProfile";
import { NewCustomerModal } from "./NewCustomerModal";

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
      tags: [{ id: 4, name: "待唤醒", color: "#fa8c16", source: "rule", rule_name: "沉睡客户唤醒", actor: "李娜", at: 1_735_862_400 }],
    },
  ],
  history: [
    { id: 1, tag_id: 4, tag_path: "销售 / 跟进状态 / 待唤醒", action: "add", source: "rule", source_ref: 7, rule_name: "沉睡客户唤醒", actor: "李娜", at: 1_735_862_400, note: null },
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
      problem: { code: "phone_invalid", value: "12345" },
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
    expect(item).toHaveTextContent("“12345”不是手机号");
    expect(screen.getByTestId("form-error")).toHaveTextContent("输入的内容无效");
    expect(screen.getByTestId("field-email").closest(".ant-form-item"), "other fields stay clean").not.toHaveClass(
      "ant-form-item-has-error",
    );
  });

  it("shows_tags_by_group_and_removing_one_untags_only_this_customer", async () => {
    vi.mocked(taggingRemove).mockResolvedValue({ operation_id: 3, batch_id: 3, changed: 1, replaced: 0 });
    const { user } = renderProfile();
    const tag = await screen.findByTestId("profile-tag");
    expect(tag).toHaveAttribute("data-name", "待唤醒");
    expect(screen.getByTestId("profile-tags")).toHaveTextContent("销售 / 跟进状态");
    await user.click(tag.querySelector(".ant-tag-close-icon")!);
    await waitFor(() => expect(taggingRemove).toHaveBeenCalledWith({ type: "customers", ids: [1] }, 4));
    expect(await screen.findByTestId("profile-undo")).toBeInTheDocument();
  });

  it("adding_a_tag_of_a_single_select_group_previews_the_replacement_then_tags_the_customer", async () => {
    vi.mocked(taggingAdd).mockResolvedValue({ operation_id: 4, batch_id: 4, changed: 1, replaced: 1 });
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
    expect(entry).toHaveTextContent("由 李娜 · 规则「沉睡客户唤醒」");
  });

  it("a_tag_a_rule_gave_names_the_rule", async () => {
    renderProfile();
    const tag = await screen.findByTestId("profile-tag");
    expect(tag).toHaveAttribute("data-rule", "沉睡客户唤醒");
    expect(tag.querySelector(".anticon-thunderbolt"), "a rule's tag carries the rules icon").not.toBeNull();
  });

  it("history_notes_are_worded_not_shown_as_codes", async () => {
    vi.mocked(customersGet).mockResolvedValue({
      ...profile,
      history: [
        { id: 2, tag_id: 4, tag_path: "销售 / 跟进状态 / 待唤醒", action: "remove", source: "manual", source_ref: null, rule_name: null, actor: "李娜", at: 1_735_862_500, note: { type: "replaced" } },
        { id: 3, tag_id: 5, tag_path: "活跃度 / 高活", action: "add", source: "manual", source_ref: null, rule_name: null, actor: "李娜", at: 1_735_862_400, note: { type: "merged_from", tag: "高活跃" } },
        { id: 4, tag_id: 5, tag_path: "活跃度 / 高活", action: "add", source: "manual", source_ref: null, rule_name: null, actor: "李娜", at: 1_735_862_300, note: null },
      ],
    });
    vi.mocked(tagsTree).mockResolvedValue(tree);
    const { user } = renderWithProviders(<CustomerProfile id={1} onClose={vi.fn()} onChipClick={vi.fn()} onResult={vi.fn()} />);
    await user.click(await screen.findByTestId("tab-history"));
    const notes = await screen.findAllByTestId("history-note");
    expect(notes.map((n) => n.textContent)).toEqual(["因同组单选被替换", "由「高活跃」合并而来"]);
    expect(screen.getAllByTestId("history-entry")).toHaveLength(3);
  });

  describe("custom fields", () => {
    const fields = [
      customField(3, "会员等级", "single_choice", { options: ["A", "B"] }),
      customField(5, "预算", "number"),
      customField(6, "兴趣", "multi_choice", { options: ["跑步", "阅读", "旅行"] }),
      customField(7, "签约日期", "date"),
      customField(8, "旧字段", "text", { archived: true }),
      customField(9, "会员卡号", "text"),
    ];
    const withCustom: Profile = {
      ...profile,
      customer: {
        ...customer,
        custom: [
          { field_id: 3, value: "A" },
          { field_id: 6, value: '["阅读"]' },
          { field_id: 8, value: "还在" },
        ],
      },
    };
    const renderWithFields = () => {
      vi.mocked(fieldsList).mockResolvedValue(fields);
      vi.mocked(customersGet).mockResolvedValue(withCustom);
      vi.mocked(tagsTree).mockResolvedValue(tree);
      return renderWithProviders(<CustomerProfile id={1} onClose={vi.fn()} onChipClick={vi.fn()} onResult={vi.fn()} />);
    };
    const item = (el: HTMLElement) => el.closest(".ant-form-item")!;

    it("shows_an_input_per_field_in_use_typed_by_its_kind", async () => {
      renderWithFields();
      const budget = await screen.findByTestId("custom-5");
      expect(budget.tagName).toBe("INPUT");
      expect(item(budget)).toHaveTextContent("预算");
      expect(screen.getByTestId("custom-7")).toHaveAttribute("type", "date");
      expect(screen.getByTestId("custom-3")).toHaveClass("ant-select");
      expect(screen.getByTestId("custom-3")).toHaveTextContent("A");
      expect(screen.getByTestId("custom-6")).toHaveClass("ant-select-multiple");
      expect(screen.getByTestId("custom-6")).toHaveTextContent("阅读");
      expect(screen.getByTestId("custom-9").tagName).toBe("INPUT");
      expect(screen.queryByTestId("custom-8"), "archived fields are not offered").toBeNull();
      const order = screen.getAllByTestId(/^custom-\d+$/).map((e) => e.dataset.testid);
      expect(order).toEqual(["custom-3", "custom-5", "custom-6", "custom-7", "custom-9"]);
      // After the built-in attributes.
      expect(screen.getByTestId("field-notes").compareDocumentPosition(budget) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    });

    it("saving_sends_every_field_as_text_and_keeps_archived_values", async () => {
      vi.mocked(customersUpdate).mockResolvedValue(customer);
      const { user } = renderWithFields();
      await user.type(await screen.findByTestId("custom-5"), "50000");
      fireEvent.change(screen.getByTestId("custom-7"), { target: { value: "2025-03-01" } });
      fireEvent.mouseDown(within(screen.getByTestId("custom-6")).getByRole("combobox"));
      await waitFor(() => expect(document.querySelector('.ant-select-item-option[title="旅行"]')).not.toBeNull());
      await user.click(document.querySelector<HTMLElement>('.ant-select-item-option[title="旅行"]')!);
      await user.click(screen.getByTestId("profile-save"));
      await waitFor(() => expect(customersUpdate).toHaveBeenCalled());
      const input = vi.mocked(customersUpdate).mock.calls[0]![1];
      expect(input.custom).toEqual([
        { field_id: 8, value: "还在" },
        { field_id: 3, value: "A" },
        { field_id: 5, value: "50000" },
        { field_id: 6, value: JSON.stringify(["阅读", "旅行"]) },
        { field_id: 7, value: "2025-03-01" },
        { field_id: 9, value: "" },
      ]);
    });

    it("a_number_field_refuses_text_before_anything_is_saved", async () => {
      const { user } = renderWithFields();
      const budget = await screen.findByTestId("custom-5");
      await user.type(budget, "很多");
      await user.click(screen.getByTestId("profile-save"));
      await waitFor(() => expect(item(budget)).toHaveClass("ant-form-item-has-error"));
      expect(item(budget)).toHaveTextContent("请输入数字");
      expect(customersUpdate).not.toHaveBeenCalled();
    });

    it("a_rejected_save_naming_a_field_by_label_marks_that_input", async () => {
      vi.mocked(customersUpdate).mockRejectedValue({
        code: "invalid",
        problem: { code: "number_invalid", value: "123x" },
        message: "会员卡号: “123x” is not a number",
        path: null,
        field: "会员卡号",
      });
      const { user } = renderWithFields();
      const card = await screen.findByTestId("custom-9");
      await user.type(card, "123");
      await user.click(screen.getByTestId("profile-save"));
      await waitFor(() => expect(item(card)).toHaveClass("ant-form-item-has-error"));
      // The message follows the error class by a render (antd shows it through its motion).
      await waitFor(() => expect(item(card)).toHaveTextContent("“123x”不是数字"));
      expect(item(screen.getByTestId("custom-5")), "other fields stay clean").not.toHaveClass("ant-form-item-has-error");
    });

    it("the_new_customer_modal_offers_the_fields_too", async () => {
      vi.mocked(fieldsList).mockResolvedValue(fields);
      vi.mocked(customersCreate).mockResolvedValue(42);
      const onCreated = vi.fn();
      const { user } = renderWithProviders(<NewCustomerModal open onClose={vi.fn()} onCreated={onCreated} />);
      await user.type(await screen.findByTestId("field-name"), "赵六");
      await user.type(await screen.findByTestId("custom-9"), "VIP-007");
      await user.click(screen.getByTestId("customer-create-ok"));
      await waitFor(() => expect(onCreated).toHaveBeenCalledWith(42));
      const input = vi.mocked(customersCreate).mock.calls[0]![0];
      expect(input.custom).toEqual([
        { field_id: 3, value: "" },
        { field_id: 5, value: "" },
        { field_id: 6, value: "" },
        { field_id: 7, value: "" },
        { field_id: 9, value: "VIP-007" },
      ]);
    });
  });
});
