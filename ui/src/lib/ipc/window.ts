//! The window itself and the app's identity, beside the commands so tests mock them in one place:
//! the title (core:window:allow-set-title), the version (core:app:allow-version) and a say in
//! closing the window (core:event:allow-listen / allow-unlisten for the close request,
//! core:window:allow-destroy to close it once allowed).
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

/**
 * Until the returned function is called, closing the window (its close button, Alt+F4) first
 * awaits `allow`: false keeps the window open. The shell stops closing the window itself while
 * someone listens, and the API closes it (destroy) when the listener does not prevent it.
 */
export function guardWindowClose(allow: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await allow())) event.preventDefault();
  });
}
