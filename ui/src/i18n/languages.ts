//! The UI languages and how the backend's language string maps onto them.
export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "zh-CN";

/** Reads a stored language string; anything unknown falls back to Chinese. */
export function toLanguage(value: string | null | undefined): Language {
  return LANGUAGES.find((l) => l === value) ?? DEFAULT_LANGUAGE;
}
