import { describe, expect, it } from "vitest";
import { toIpcError } from "./index";

describe("toIpcError", () => {
  it("keeps_the_code_problem_message_and_path_of_a_backend_error", () => {
    const problem = { code: "database_corrupt", path: "/d/a.sqlite", detail: "file is not a database" };
    const e = toIpcError({ code: "database_corrupt", problem, message: "file is not a database", path: "/d/a.sqlite" });
    expect(e).toEqual({ code: "database_corrupt", problem, message: "file is not a database", path: "/d/a.sqlite", field: null });
  });

  it("keeps_the_field_at_fault_of_an_invalid_input_error", () => {
    const e = toIpcError({ code: "invalid", message: "phone: not a phone number", path: null, field: "phone" });
    expect(e.field).toBe("phone");
  });

  it("turns_a_plain_string_or_js_error_into_an_internal_error", () => {
    const internal = { code: "internal" };
    expect(toIpcError("boom")).toEqual({ code: "internal", problem: internal, message: "boom", path: null, field: null });
    expect(toIpcError(new Error("bridge down"))).toEqual({ code: "internal", problem: internal, message: "bridge down", path: null, field: null });
  });
});
