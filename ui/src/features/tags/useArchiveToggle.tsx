//! Archiving or bringing back a node from the tag page. Archiving a node that segments, rules,
//! boards, import templates or follow-up weights still refer to asks first, naming them (the
//! health page's where-used list); an unused node is archived at once, as before.
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { healthWhereUsed, tagsArchive, toIpcError, type IpcError, type TagNode } from "../../lib/ipc";
import { isUsed, WhereUsedList } from "../health/WhereUsedList";

export function useArchiveToggle(onDone: (text: string) => void, onError: (error: IpcError) => void): (node: TagNode) => void {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const run = (node: TagNode, next: boolean) =>
    tagsArchive(node.id, next)
      .then(() => onDone(t(next ? "tagEdit.archived" : "tagEdit.unarchived", { name: node.name })))
      .catch((e: unknown) => onError(toIpcError(e)));
  return (node) => {
    const next = !node.archived;
    if (!next) return void run(node, next);
    // Where it is used is asked first; if even that fails, the archive goes ahead (it can be
    // undone) rather than the button doing nothing.
    void Promise.resolve()
      .then(() => healthWhereUsed(node.id))
      .catch(() => undefined)
      .then((used) => {
        if (!isUsed(used)) return run(node, next);
        modal.confirm({
          title: t("tagEdit.archiveUsedTitle", { name: node.name }),
          content: <WhereUsedList ids={[node.id]} names={new Map([[node.id, node.name]])} />,
          okText: t("tagEdit.archive"),
          cancelText: t("common.cancel"),
          okButtonProps: { "data-testid": "archive-used-ok" } as Record<string, string>,
          onOk: () => run(node, next),
        });
      });
  };
}
