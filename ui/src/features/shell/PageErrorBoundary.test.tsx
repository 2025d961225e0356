import { screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test/render";
import { PageErrorBoundary } from "./PageErrorBoundary";

let failing = true;
function Flaky() {
  if (failing) throw new Error("chunk did not load");
  return <p>the page</p>;
}

function Shell() {
  const [page, setPage] = useState("rules");
  return (
    <>
      <button onClick={() => setPage("tags")}>go to tags</button>
      <PageErrorBoundary key={page}>{page === "rules" ? <Flaky /> : <p>tags page</p>}</PageErrorBoundary>
    </>
  );
}

describe("PageErrorBoundary", () => {
  afterEach(() => {
    failing = true;
    vi.restoreAllMocks();
  });

  it("keeps the window usable when a page fails: a sentence in the user's language, not a blank window", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { user } = renderWithProviders(<Shell />);
    expect(await screen.findByTestId("page-failed")).toHaveTextContent("这个页面没能打开");
    expect(screen.queryByText(/chunk did not load/)).toBeNull();

    await user.click(screen.getByRole("button", { name: "go to tags" }));
    expect(screen.getByText("tags page")).toBeInTheDocument();
    expect(screen.queryByTestId("page-failed")).toBeNull();
  });

  it("tries the page again on retry", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { user } = renderWithProviders(<Shell />);
    await screen.findByTestId("page-failed");
    failing = false;
    await user.click(screen.getByRole("button", { name: /重\s*试/ }));
    expect(screen.getByText("the page")).toBeInTheDocument();
  });
});
