import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { appSetUserName } from "../../lib/ipc";
import { openStatus } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { UserNameCard } from "./UserNameCard";

describe("UserNameCard", () => {
  it("saves_the_name_recorded_on_the_users_operations", async () => {
    vi.mocked(appSetUserName).mockResolvedValue({ ...openStatus(), user_name: "李娜" });
    const { user, client } = renderWithProviders(<UserNameCard current="本机用户" />);
    const input = screen.getByTestId("settings-user-name");
    await user.clear(input);
    await user.type(input, "李娜");
    await user.click(screen.getByTestId("settings-user-name-save"));
    await waitFor(() => expect(appSetUserName).toHaveBeenCalledWith("李娜"));
    await waitFor(() => expect(client.getQueryData<{ user_name: string }>(["app_status"])?.user_name).toBe("李娜"));
  });

  it("the_default_author_is_not_typed_into_the_box_but_named_in_english", async () => {
    await i18n.changeLanguage("en");
    renderWithProviders(<UserNameCard current="本机用户" />);
    const input = screen.getByTestId("settings-user-name");
    expect(input).toHaveValue("");
    expect(input).toHaveAttribute("placeholder", "Local user");
    expect(screen.getByTestId("settings-user-name-save"), "nothing typed, nothing to save").toBeDisabled();
  });
});
