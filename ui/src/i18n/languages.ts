//! The UI languages, as the backend's generated `Language` names them.
import type { Language } from "../lib/ipc";

export type { Language };
export const LANGUAGES: readonly Language[] = ["zh-CN", "en"];
export const DEFAULT_LANGUAGE: Language = "zh-CN";

/** Reads i18next's language string; anything unknown falls back to Chinese. */
export function toLanguage(value: string | null | undefined): Language {
  return LANGUAGES.find((l) => l === value) ?? DEFAULT_LANGUAGE;
}
