//! The shape of a wording table: one function per problem code, typed by the generated union,
//! so a code the backend adds fails to compile until both languages word it.
import type { FieldOp, Problem, Thing, ValueKind, ValueNeed } from "../lib/ipc";

export type ProblemCode = Problem["code"];

/** What a table's functions use to write numbers and lists the language's way. */
export interface Words {
  /** A count with the language's grouping ("12,345"). */
  n: (value: number) => string;
  /** A list of the user's names, joined the language's way. */
  list: (items: readonly (string | number)[]) => string;
  thing: (thing: Thing) => string;
  op: (op: FieldOp) => string;
  kind: (kind: ValueKind) => string;
  need: (need: ValueNeed) => string;
  /** A nested problem in the same language. */
  word: (problem: Problem) => string;
}

export type Wording = { [K in ProblemCode]: (p: Extract<Problem, { code: K }>, w: Words) => string };
