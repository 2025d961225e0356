import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { Providers } from "../../app/Providers";
import { createQueryClient } from "../../app/queryClient";
import { dbOpenDemo } from "../../lib/ipc";
import { openStatus } from "../../test/fixtures";
import { useDbActions } from "./useDbActions";

describe("useDbActions", () => {
  it("opening_another_database_drops_every_answer_about_the_previous_one", async () => {
    const client = createQueryClient();
    client.setQueryData(["customers_list", { search: "" }, 0], { items: [{ id: 1 }], total: 3000 });
    client.setQueryData(["segments_list"], [{ id: 7 }]);
    const newStatus = openStatus();
    vi.mocked(dbOpenDemo).mockResolvedValue(newStatus);
    const wrapper = ({ children }: { children: ReactNode }) => <Providers client={client}>{children}</Providers>;
    const { result } = renderHook(() => useDbActions(), { wrapper });

    act(() => result.current.openDemo.mutate());

    await waitFor(() => expect(client.getQueryData(["app_status"])).toEqual(newStatus));
    expect(client.getQueryData(["customers_list", { search: "" }, 0])).toBeUndefined();
    expect(client.getQueryData(["segments_list"])).toBeUndefined();
  });
});
