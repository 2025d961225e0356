//! How an `IpcError` reads to a person: a localised headline chosen by code, then the English detail.
import type { TFunction } from "i18next";
import type { IpcError } from "../lib/ipc";

export function errorHeadline(t: TFunction, error: IpcError): string {
  return t(`errors.${error.code}`);
}

export function errorText(t: TFunction, error: IpcError): string {
  return `${errorHeadline(t, error)}: ${error.message}`;
}
