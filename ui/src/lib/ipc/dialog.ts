//! Native file dialogs, kept beside the commands so tests mock both in one place: the open dialogs come
//! from tauri-plugin-dialog in the page, the save and folder dialogs from the shell (`dialog_save`,
//! `dialog_folder`).
import { open } from "@tauri-apps/plugin-dialog";
import { dialogFolder, dialogSave } from "./commands";

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

/** Asks for a team sync pack (.tdpack) to apply; `null` when the user cancels. */
export async function pickSyncPack(filterName: string): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters: [{ name: filterName, extensions: ["tdpack"] }] });
  return typeof picked === "string" ? picked : null;
}

/** Asks for a team invitation file (.tagdesk-invite) to join from; `null` when the user cancels. */
export async function pickInvitation(filterName: string): Promise<string | null> {
  const picked = await open({ multiple: false, directory: false, filters: [{ name: filterName, extensions: ["tagdesk-invite"] }] });
  return typeof picked === "string" ? picked : null;
}

/**
 * Asks where to save a file, suggesting `defaultName`; `null` when the user cancels. The shell
 * opens the dialog, so the core may write where the user chose (and nowhere a page merely names).
 */
export async function pickSavePath(defaultName: string, filterName: string, extensions: string[]): Promise<string | null> {
  return dialogSave(defaultName, filterName, extensions);
}

/**
 * Asks for a folder under `title` (a team's shared folder); `null` when the user cancels. The
 * shell opens the dialog, so the core may write in the folder the user chose.
 */
export async function pickFolder(title: string): Promise<string | null> {
  return dialogFolder(title);
}
