//! The window itself and the app's identity, beside the commands so tests mock them in one place:
//! the title (core:window:allow-set-title) and the version (core:app:allow-version).
import { getVersion } from "@tauri-apps/api/app";
import { getCurrentWindow } from "@tauri-apps/api/window";

/** Names the window, e.g. "TagDesk — customers.db". */
export async function setWindowTitle(title: string): Promise<void> {
  document.title = title;
  await getCurrentWindow().setTitle(title);
}

/** The app's version as the shell knows it (tauri.conf.json). */
export function appVersion(): Promise<string> {
  return getVersion();
}
