//! The segment builder: the condition editor with its live counts, and saving the tree as a
//! dynamic or static segment. A viewer on the team hub may build a condition to read its counts
//! but finds saving disabled with the reason (atop the form and on hover).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input, Radio, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { segmentsCreate, segmentsUpdate, toIpcError, type IpcError, type Segment, type SegmentKind } from "../../../lib/ipc";
import { formatDateTime } from "../../../lib/format";
import { invalidateSegmentData } from "../../../lib/invalidate";
import { ConditionEditor, useConditionTree } from "./ConditionEditor";
import { problemText } from "../../../problems";
import { WhyButton, WhyNote } from "../../../components/Why";
import { useRights } from "../../team/useRights";

interface Props {
  /** The segment being edited; null for a new one. */
  segment: Segment | null;
  onSaved: (id: number) => void;
  onCancel?: () => void;
}

export function SegmentBuilder({ segment, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const editor = useConditionTree(segment?.condition ?? null);
  const { built, ready } = editor;
  const [name, setName] = useState(segment?.name ?? "");
  const [kind, setKind] = useState<SegmentKind>(segment?.kind ?? "dynamic");
  const [nameError, setNameError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<IpcError | null>(null);
  const { readOnly } = useRights();

  const save = useMutation({
    mutationFn: async () => {
      const input = { name: name.trim(), kind, condition: built.condition, pinned: segment?.pinned ?? false };
      if (segment === null) return segmentsCreate(input);
      return (await segmentsUpdate(segment.id, input)).id;
    },
    onSuccess: async (id) => {
      setSaveError(null);
      message.success(t(kind === "static" ? "segments.save.savedStatic" : "segments.save.saved", { name: name.trim() }));
      await invalidateSegmentData(client);
      onSaved(id);
    },
    onError: (e) => {
      const err = toIpcError(e);
      if (err.field === "name") setNameError(problemText(err.problem));
      setSaveError(err);
    },
  });

  const submit = () => {
    // Enter in the name field submits too.
    if (readOnly !== null) return;
    if (name.trim() === "") {
      setNameError(t("segments.save.nameRequired"));
      return;
    }
    if (!ready) return;
    save.mutate();
  };

  return (
    <ConditionEditor editor={editor} saveError={saveError} excludeSegmentId={segment?.id}>
      <Form layout="vertical" onFinish={submit} className="segment-save-form">
        <WhyNote why={readOnly} testId="segment-read-only" />
        <Flex gap="middle" align="flex-start" wrap>
          <Form.Item label={t("segments.save.name")} required validateStatus={nameError === null ? undefined : "error"} help={nameError} style={{ marginBottom: 0, minWidth: 240 }}>
            <Input
              data-testid="segment-name"
              value={name}
              maxLength={60}
              placeholder={t("segments.save.namePlaceholder")}
              onChange={(e) => {
                setName(e.target.value);
                setNameError(null);
              }}
            />
          </Form.Item>
          <Form.Item label={t("segments.save.kind")} style={{ marginBottom: 0 }}>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as SegmentKind)} data-testid="segment-kind">
              <Radio value="dynamic">
                <span data-testid="segment-kind-dynamic">{t("segments.kind.dynamic")}</span>
              </Radio>
              <Radio value="static">
                <span data-testid="segment-kind-static">{t("segments.kind.static")}</span>
              </Radio>
            </Radio.Group>
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {kind === "dynamic"
            ? t("segments.save.dynamicHelp")
            : segment?.kind === "static" && segment.frozen_at !== null
              ? t("segments.save.staticFrozen", { at: formatDateTime(segment.frozen_at, i18n.language) })
              : t("segments.save.staticHelp")}
        </Typography.Paragraph>
        {saveError !== null && saveError.code !== "invalid" && saveError.code !== "name_taken" && <ErrorAlert error={saveError} />}
        <Flex gap="small">
          <WhyButton why={readOnly} type="primary" htmlType="submit" data-testid="segment-save" loading={save.isPending} disabled={!ready}>
            {segment === null ? t("segments.save.create") : t("segments.save.update")}
          </WhyButton>
          {onCancel !== undefined && (
            <Button onClick={onCancel} data-testid="segment-cancel">
              {t("common.cancel")}
            </Button>
          )}
        </Flex>
      </Form>
    </ConditionEditor>
  );
}
