//! Native file dialogs (tauri-plugin-dialog), kept beside the commands so tests mock both in one place.
import { open, save } from "@tauri-apps/plugin-dialog";

/** Asks the user for a TagDesk database file; `null` when they cancel. */
export async function pickDatabaseFile(): Promise<string | null> {
  const picked = await open({
    multiple: false,
    directory: false,
    filters: [{ name: "TagDesk", extensions: ["sqlite", "db"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a spreadsheet to import; `null` when the user cancels. */
export async function pickSpreadsheet(filterName: string): Promise<string | null> {
  const picked = await open({
    multiple: false,
    directory: false,
    filters: [{ name: filterName, extensions: ["xlsx", "xls", "ods", "csv", "tsv", "txt"] }],
  });
  return typeof picked === "string" ? picked : null;
}

/** Asks where to save a file, suggesting `defaultPath`; `null` when the user cancels. */
export async function pickSavePath(defaultPath: string, filterName: string, extensions: string[]): Promise<string | null> {
  const picked = await save({ defaultPath, filters: [{ name: filterName, extensions }] });
  return typeof picked === "string" ? picked : null;
}
