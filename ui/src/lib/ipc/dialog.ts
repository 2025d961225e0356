//! Native file dialogs, kept beside the commands so tests mock both in one place. The shell opens
//! them all (`dialog_open`, `dialog_save`, `dialog_folder`): the window holds no dialog permission,
//! and the end-to-end tests answer every dialog in one place (the shell's `test_dialogs`).
import { dialogFolder, dialogOpen, dialogSave } from "./commands";

/** Asks the user for a TagDesk database file; `null` when they cancel. */
export async function pickDatabaseFile(): Promise<string | null> {
  return dialogOpen("TagDesk", ["sqlite", "db"]);
}

/** Asks for a spreadsheet to import; `null` when the user cancels. */
export async function pickSpreadsheet(filterName: string): Promise<string | null> {
  return dialogOpen(filterName, ["xlsx", "xls", "ods", "csv", "tsv", "txt"]);
}

/** Asks for a team sync pack (.tdpack) to apply; `null` when the user cancels. */
export async function pickSyncPack(filterName: string): Promise<string | null> {
  return dialogOpen(filterName, ["tdpack"]);
}

/** Asks for a team invitation file (.tagdesk-invite) to join from; `null` when the user cancels. */
export async function pickInvitation(filterName: string): Promise<string | null> {
  return dialogOpen(filterName, ["tagdesk-invite"]);
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
