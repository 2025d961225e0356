// Renders a component with the app's real providers and a fresh query cache.
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { Providers } from "../app/Providers";
import { createQueryClient } from "../app/queryClient";

export function renderWithProviders(ui: ReactElement) {
  const client = createQueryClient();
  const user = userEvent.setup();
  const result = render(<Providers client={client}>{ui}</Providers>);
  return { ...result, client, user };
}
