//! Actions on the selected customers: add or remove a tag, export, delete (with undo); the work
//! itself is `useBulkActions`, shared with the list's right-click menu.
import { DeleteOutlined, ExportOutlined, MinusCircleOutlined, PlusCircleOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { WhyButton } from "../../components/Why";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../../lib/ipc";
import type { ListQuery } from "../../lib/queryKeys";
import type { ActionResult } from "./actionResult";
import type { Selection } from "./selection";
import { MAX_DELETE, useBulkActions } from "./useBulkActions";
import { SuggestedTags } from "../health/SuggestedTags";

interface Props {
  selection: Selection;
  query: ListQuery;
  total: number;
  onDone: (result: ActionResult) => void;
  onError: (error: IpcError) => void;
  /** Opens the export options for the selection. */
  onExport: () => void;
}

export function BulkBar({ selection, query, total, onDone, onError, onExport }: Props) {
  const { t } = useTranslation();
  const actions = useBulkActions({ selection, query, total, onDone, onError });
  const tooMany = actions.tooManyToDelete(selection);
  return (
    <Flex align="center" gap="small" wrap className="bulk-bar" data-testid="bulk-bar">
      <Typography.Text strong data-testid="selected-count">
        {t("bulk.selected", { count: actions.countOf(selection) })}
      </Typography.Text>
      <WhyButton why={actions.readOnly} icon={<PlusCircleOutlined />} type="primary" data-testid="bulk-add-tag" onClick={() => actions.startTagging("add", selection)}>
        {t("bulk.addTag")}
      </WhyButton>
      <WhyButton why={actions.readOnly} icon={<MinusCircleOutlined />} data-testid="bulk-remove-tag" onClick={() => actions.startTagging("remove", selection)}>
        {t("bulk.removeTag")}
      </WhyButton>
      <Button icon={<ExportOutlined />} data-testid="bulk-export" onClick={onExport}>
        {t("bulk.export")}
      </Button>
      <WhyButton
        why={actions.readOnly}
        icon={<DeleteOutlined />}
        danger
        data-testid="bulk-delete"
        loading={actions.removing}
        disabled={tooMany}
        title={tooMany ? t("bulk.tooManyToDelete", { max: MAX_DELETE }) : undefined}
        onClick={() => actions.remove(selection)}
      >
        {t("bulk.delete")}
      </WhyButton>
      {selection.mode === "ids" && actions.readOnly === null && (
        <SuggestedTags ids={selection.ids} allowed={actions.mayGive} onGive={(tagId) => actions.give(tagId, selection)} />
      )}
      {actions.modals}
    </Flex>
  );
}
