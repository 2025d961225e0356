//! How an `IpcError` reads to a person: a localised headline chosen by code, then the problem
//! worded in the UI's language, except for internal problems, whose detail is for the log.
import type { TFunction } from "i18next";
import type { IpcError } from "../lib/ipc";
import { problemText } from "../problems";

export function errorHeadline(t: TFunction, error: IpcError): string {
  return t(`errors.${error.code}`);
}

/// The problem worth showing after the headline, or null when the code says it all.
export function errorDetail(error: IpcError): string | null {
  return error.code === "database" || error.code === "internal" ? null : problemText(error.problem);
}

export function errorText(t: TFunction, error: IpcError): string {
  const detail = errorDetail(error);
  return detail === null ? errorHeadline(t, error) : `${errorHeadline(t, error)}: ${detail}`;
}
