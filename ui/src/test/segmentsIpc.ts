// Canned answers for the segment commands, set on the IPC mocks of setup.ts. The condition
// engine lives only in the Rust core, where its answers are tested; a component test states
// what the backend answers for the conditions it sends and asserts what the UI does with them.
// Where the answer should be the engine's own (a realistic tree's counts, a refusal), it is
// replayed from what the engine wrote into engineAnswers.json.
import { isDeepStrictEqual } from "node:util";
import { vi } from "vitest";
import { CATALOG, TAGS } from "../dev/fakeBackend";
import * as ipc from "../lib/ipc/commands";
import type { Condition, ConditionCatalog, ConditionCount, CustomerRow, IpcError, NodeCount, Segment, TagTree } from "../lib/ipc";
import engineAnswers from "./engineAnswers.json";

export { CATALOG, TAGS };

/** What the Rust engine answered on a small world of its own (written by the core test
 *  conditions::ui_answers, which fails when this file is stale): its tag tree and catalog,
 *  the count of "(VIP AND city = 上海) OR NOT 微信群" and its refusal of an unknown tag. */
export const ENGINE = engineAnswers as unknown as {
  tree: TagTree;
  catalog: ConditionCatalog;
  journey: { condition: Condition; count: ConditionCount };
  unknown_tag: { condition: Condition; error: IpcError };
};

/** The screens read the engine's world: its tag tree and catalog. */
export function engineScreens(): void {
  segmentScreens({ customers: ENGINE.tree.total_customers });
  vi.mocked(ipc.tagsTree).mockResolvedValue(ENGINE.tree);
  vi.mocked(ipc.segmentsCatalog).mockResolvedValue(ENGINE.catalog);
}

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
