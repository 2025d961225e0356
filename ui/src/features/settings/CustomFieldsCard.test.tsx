import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fieldsDelete, fieldsList } from "../../lib/ipc";
import { renderWithProviders } from "../../test/render";
import { CustomFieldsCard } from "./CustomFieldsCard";

const fields = [
  { id: 4, label: "会员卡号", kind: "text" as const, options: [], position: 0, archived: false },
  { id: 9, label: "预算", kind: "number" as const, options: [], position: 1, archived: false },
];

describe("CustomFieldsCard", () => {
  it("deleting_a_field_asks_first_says_the_history_brings_it_back_and_deletes_that_field", async () => {
    vi.mocked(fieldsList).mockResolvedValue(fields);
    vi.mocked(fieldsDelete).mockResolvedValue(1000);
    const { user } = renderWithProviders(<CustomFieldsCard />);
    const buttons = await screen.findAllByTestId("field-delete");
    await user.click(buttons[1]!);
    expect(await screen.findByText("删除字段「预算」？")).toBeInTheDocument();
    expect(screen.getByText(/可在操作记录中撤销/)).toBeInTheDocument();
    expect(fieldsDelete).not.toHaveBeenCalled();
    await user.click(document.getElementById("field-delete-ok")!);
    await waitFor(() => expect(fieldsDelete).toHaveBeenCalledWith(9));
    expect(await screen.findByText("已删除「预算」及 1,000 位客户的值")).toBeInTheDocument();
  });
});
