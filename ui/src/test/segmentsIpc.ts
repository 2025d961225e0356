// Canned answers for the segment commands, set on the IPC mocks of setup.ts. The condition
// engine lives only in the Rust core, where its answers are tested; a component test states
// what the backend answers for the conditions it sends and asserts what the UI does with them.
import { isDeepStrictEqual } from "node:util";
import { vi } from "vitest";
import { CATALOG, TAGS } from "../dev/fakeBackend";
import * as ipc from "../lib/ipc/commands";
import type { Condition, ConditionCount, CustomerRow, IpcError, NodeCount, Problem, Segment } from "../lib/ipc";

export { CATALOG, TAGS };

/** What every segment screen reads on mount: the tag tree, the catalog, the saved segments
 *  (none unless given), an empty dashboard and nothing to undo. Counts stay pending until
 *  the test states them with answerCounts. */
export function segmentScreens({ segments = [] as Segment[], customers = 137 } = {}): void {
  vi.mocked(ipc.tagsTree).mockResolvedValue({ nodes: TAGS, total_customers: customers });
  vi.mocked(ipc.segmentsCatalog).mockResolvedValue(CATALOG);
  vi.mocked(ipc.segmentsList).mockResolvedValue(segments);
  vi.mocked(ipc.segmentsDashboard).mockResolvedValue([]);
  vi.mocked(ipc.taggingLast).mockResolvedValue(null);
  answerCounts();
}

/** A count node: its own count and its children's, in the tree's shape. */
export const node = (count: number, ...children: NodeCount[]): NodeCount => ({ count, children });

/** The count answer for a tree whose root node is `nodes`. */
export const counted = (nodes: NodeCount, sample: CustomerRow[] = []): ConditionCount => ({ total: nodes.count, nodes, sample, millis: 1 });

/** An `invalid` refusal at a node path, as the core reports it: "1.2" is the root's second
 *  child (core test conditions::checks pins that numbering). */
export const invalidAt = (path: string, problem: Problem): IpcError => ({ code: "invalid", problem, message: problem.code, path: null, field: path });

/** segments_count answers each stated tree with its answer (a count, or a refusal it rejects
 *  with). Any other tree is never answered, so the builder stays "counting" and a test that
 *  waits for a count it did not state fails instead of passing on a made-up number. */
export function answerCounts(...answers: [Condition, ConditionCount | IpcError][]): void {
  vi.mocked(ipc.segmentsCount).mockImplementation(async (condition) => {
    const found = answers.find(([asked]) => isDeepStrictEqual(asked, condition));
    if (found === undefined) return new Promise<ConditionCount>(() => undefined);
    const [, answer] = found;
    if ("code" in answer) throw answer;
    return answer;
  });
}

export function segment(id: number, name: string, condition: Condition, overrides: Partial<Segment> = {}): Segment {
  return { id, name, kind: "dynamic", condition, pinned: false, frozen_at: null, created_at: 1_750_000_000, updated_at: 1_750_000_000, ...overrides };
}
