// Points the mocked segment commands (and the tag tree) at the fake backend's real evaluator,
// so component tests see counts, validation errors and saved segments behave as in the app.
import { vi } from "vitest";
import { makeCustomers, TAGS } from "../dev/fakeBackend";
import { createFakeSegments } from "../dev/fakeSegments";
import * as ipc from "../lib/ipc/commands";
import type { CustomerRow } from "../lib/ipc";

/** Runs `f` as a backend command would: a thrown error becomes a rejected promise. */
const answer =
  <A extends unknown[], R>(f: (...args: A) => R) =>
  async (...args: A): Promise<R> =>
    f(...args);

export function useFakeSegments(size = 137) {
  let customers: CustomerRow[] = makeCustomers(size);
  const fake = createFakeSegments({ customers: () => customers, setCustomers: (rows) => (customers = rows), tags: TAGS, now: 1_750_000_000 });
  vi.mocked(ipc.tagsTree).mockImplementation(async () => ({ nodes: TAGS, total_customers: customers.length }));
  vi.mocked(ipc.segmentsCatalog).mockImplementation(answer(fake.catalog));
  vi.mocked(ipc.segmentsCount).mockImplementation(answer(fake.count));
  vi.mocked(ipc.segmentsMembers).mockImplementation(answer(fake.members));
  vi.mocked(ipc.segmentsExplain).mockImplementation(answer(fake.explain));
  vi.mocked(ipc.segmentsList).mockImplementation(answer(fake.list));
  vi.mocked(ipc.segmentsGet).mockImplementation(answer(fake.get));
  vi.mocked(ipc.segmentsCreate).mockImplementation(answer(fake.create));
  vi.mocked(ipc.segmentsUpdate).mockImplementation(answer(fake.update));
  vi.mocked(ipc.segmentsDuplicate).mockImplementation(answer(fake.duplicate));
  vi.mocked(ipc.segmentsDelete).mockImplementation(answer(fake.delete));
  vi.mocked(ipc.segmentsPin).mockImplementation(answer(fake.pin));
  vi.mocked(ipc.segmentsDashboard).mockImplementation(answer(fake.dashboard));
  vi.mocked(ipc.segmentsTag).mockImplementation(answer(fake.tag));
  vi.mocked(ipc.taggingLast).mockResolvedValue(null);
  return { fake, customers: () => customers };
}
