//! Right-click menus as data: each entry names the action it runs, so a menu's items and its click
//! handler cannot drift apart, and each item carries a `menu-<scope>-<key>` id for the e2e tests.
import type { MenuProps } from "antd";
import type { ReactNode } from "react";

export interface MenuEntry {
  key: string;
  label: ReactNode;
  run: () => void;
  danger?: boolean;
  disabled?: boolean;
  /** Why the entry is disabled (e.g. the team hub's rights); it then shows on hover. */
  why?: string | null;
  /** A line above this entry, setting it apart (e.g. before delete). */
  apart?: boolean;
}

export function contextMenu(scope: string, entries: readonly MenuEntry[]): MenuProps {
  const items: NonNullable<MenuProps["items"]> = entries.flatMap((e) => {
    const why = e.why ?? undefined;
    const item = { key: e.key, label: e.label, danger: e.danger, disabled: e.disabled === true || why !== undefined, title: why, "data-testid": `menu-${scope}-${e.key}` };
    return e.apart === true ? [{ type: "divider" as const, key: `${e.key}-apart` }, item] : [item];
  });
  return {
    items,
    onClick: ({ key, domEvent }) => {
      domEvent.stopPropagation();
      entries.find((e) => e.key === key)?.run();
    },
  };
}
