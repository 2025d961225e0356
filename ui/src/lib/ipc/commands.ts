// Generated from src-tauri/core/src/api.rs by `cargo test -p tagdesk-core`. Do not edit.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "./bindings/AppStatus";
import type { CustomerQuery } from "./bindings/CustomerQuery";
import type { CustomerRow } from "./bindings/CustomerRow";
import type { Page } from "./bindings/Page";
import type { TagTree } from "./bindings/TagTree";

export type { AppStatus } from "./bindings/AppStatus";
export type { BackupInfo } from "./bindings/BackupInfo";
export type { CustomerQuery } from "./bindings/CustomerQuery";
export type { CustomerRow } from "./bindings/CustomerRow";
export type { CustomerSort } from "./bindings/CustomerSort";
export type { CustomerSortField } from "./bindings/CustomerSortField";
export type { DatabaseInfo } from "./bindings/DatabaseInfo";
export type { DatabaseProblem } from "./bindings/DatabaseProblem";
export type { ErrorCode } from "./bindings/ErrorCode";
export type { IpcError } from "./bindings/IpcError";
export type { NodeKind } from "./bindings/NodeKind";
export type { Page } from "./bindings/Page";
export type { SelectMode } from "./bindings/SelectMode";
export type { TagChip } from "./bindings/TagChip";
export type { TagNode } from "./bindings/TagNode";
export type { TagOrigin } from "./bindings/TagOrigin";
export type { TagTree } from "./bindings/TagTree";

/** Which database is open, or what went wrong opening it. */
export const appStatus = (): Promise<AppStatus> =>
  invoke<AppStatus>("app_status", {});

/** Chooses the UI language ("zh-CN" or "en") and remembers it. */
export const appSetLanguage = (language: string): Promise<AppStatus> =>
  invoke<AppStatus>("app_set_language", { language });

/** Opens an existing database file. */
export const dbOpen = (path: string): Promise<AppStatus> =>
  invoke<AppStatus>("db_open", { path });

/** Creates an empty database (in the data folder when no path is given) and opens it. */
export const dbCreate = (path: string | null): Promise<AppStatus> =>
  invoke<AppStatus>("db_create", { path });

/** Opens the demo database, generating it if needed. */
export const dbOpenDemo = (): Promise<AppStatus> =>
  invoke<AppStatus>("db_open_demo", {});

/** Puts a backup in place of the database that failed to open, and opens it. */
export const dbRestoreBackup = (backup: string): Promise<AppStatus> =>
  invoke<AppStatus>("db_restore_backup", { backup });

/** One page of customers. */
export const customersList = (query: CustomerQuery): Promise<Page<CustomerRow>> =>
  invoke<Page<CustomerRow>>("customers_list", { query });

/** The whole tag tree with colours and counts. */
export const tagsTree = (): Promise<TagTree> =>
  invoke<TagTree>("tags_tree", {});
