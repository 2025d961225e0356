//! The UI's single door to the backend: generated commands plus a helper that types their failures.
import type { ErrorCode, IpcError, Problem } from "./commands";

export * from "./commands";

const INTERNAL: Problem = { code: "internal" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Turns whatever a rejected `invoke` produced into an `IpcError`.
 * The backend rejects with `{ code, problem, message, path, field }`; anything else (a plain
 * string, a JS `Error` when the bridge itself fails) becomes an `internal` error carrying its
 * text for the log.
 */
export function toIpcError(reason: unknown): IpcError {
  if (isRecord(reason) && typeof reason.code === "string" && typeof reason.message === "string") {
    return {
      // The code comes from the backend's own enum; the UI only switches on it.
      code: reason.code as ErrorCode,
      // The problem comes from the backend's generated union; the UI words it by its code.
      problem: isRecord(reason.problem) && typeof reason.problem.code === "string" ? (reason.problem as Problem) : INTERNAL,
      message: reason.message,
      path: typeof reason.path === "string" ? reason.path : null,
      field: typeof reason.field === "string" ? reason.field : null,
    };
  }
  if (reason instanceof Error) return { code: "internal", problem: INTERNAL, message: reason.message, path: null, field: null };
  return { code: "internal", problem: INTERNAL, message: String(reason), path: null, field: null };
}
