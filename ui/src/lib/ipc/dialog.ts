//! Native file dialogs (tauri-plugin-dialog), kept beside the commands so tests mock both in one place.
import { open } from "@tauri-apps/plugin-dialog";

/** Asks the user for a TagDesk database file; `null` when they cancel. */
export async function pickDatabaseFile(): Promise<string | null> {
  const picked = await open({
    multiple: false,
    directory: false,
    filters: [{ name: "TagDesk", extensions: ["sqlite", "db"] }],
  });
  return typeof picked === "string" ? picked : null;
}
