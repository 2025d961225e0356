import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { dbDecrypt, dbEncrypt, dbEncryption } from "../../lib/ipc";
import { openStatus } from "../../test/fixtures";
import { renderWithProviders } from "../../test/render";
import { EncryptionCard, strength } from "./EncryptionCard";

describe("EncryptionCard", () => {
  it("encrypts_only_once_the_passphrase_is_typed_twice_alike", async () => {
    vi.mocked(dbEncryption).mockResolvedValue({ encrypted: false, size_bytes: 1000, min_passphrase_chars: 8 });
    vi.mocked(dbEncrypt).mockResolvedValue(openStatus());
    const { user } = renderWithProviders(<EncryptionCard />);
    expect(await screen.findByTestId("encryption-state")).toHaveTextContent("没有加密");
    await user.type(screen.getByTestId("encryption-new"), "correct horse");
    await user.type(screen.getByTestId("encryption-again"), "correct hors");
    expect(screen.getByText("两次输入的密码不一致")).toBeInTheDocument();
    expect(screen.getByTestId("encryption-submit")).toBeDisabled();
    await user.type(screen.getByTestId("encryption-again"), "e");
    await user.click(screen.getByTestId("encryption-submit"));
    await waitFor(() => expect(dbEncrypt).toHaveBeenCalledWith(null, "correct horse"));
    expect(await screen.findByTestId("encryption-done")).toHaveTextContent("数据库已加密");
  });

  it("decrypting_asks_for_the_current_passphrase", async () => {
    vi.mocked(dbEncryption).mockResolvedValue({ encrypted: true, size_bytes: 1000, min_passphrase_chars: 8 });
    vi.mocked(dbDecrypt).mockResolvedValue(openStatus());
    const { user } = renderWithProviders(<EncryptionCard />);
    expect(await screen.findByTestId("encryption-state")).toHaveTextContent("已加密");
    await user.click(screen.getByText("取消加密"));
    expect(screen.queryByTestId("encryption-new")).toBeNull();
    await user.type(screen.getByTestId("encryption-current"), "correct horse");
    await user.click(screen.getByTestId("encryption-submit"));
    await waitFor(() => expect(dbDecrypt).toHaveBeenCalledWith("correct horse"));
  });

  it("the_strength_hint_grows_with_length_and_kinds_of_character", () => {
    expect(strength("short")).toBe(0);
    expect(strength("abcdefgh")).toBe(1);
    expect(strength("abcd1234")).toBe(2);
    expect(strength("Correct horse 42")).toBe(3);
  });
});
