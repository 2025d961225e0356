//! Whether a key press belongs to a field the user is typing in: list and app shortcuts
//! (arrow keys, Ctrl+Z) leave those alone.
const EDITABLE = "input, textarea, select, [contenteditable='true'], .ant-select";

export function isInEditable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(EDITABLE) !== null;
}
