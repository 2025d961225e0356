//! Creating or editing a rule: name, owner, priority, the action and its tag, the condition in
//! the segment builder (with its live counts), a preview of what it would change, and the switch.
//! For anyone but the team's admins and owner the form only shows the rule (every control
//! disabled, the reason above it); its preview still runs.
import { ArrowLeftOutlined, EyeOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input, InputNumber, Switch, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { appStatus, rulesCreate, rulesPreview, rulesUpdate, tagsTree, toIpcError, type IpcError, type Rule, type RuleInput } from "../../lib/ipc";
import { invalidateRuleData } from "../../lib/invalidate";
import { queryKeys } from "../../lib/queryKeys";
import { ConditionEditor, useConditionTree } from "../segments/builder/ConditionEditor";
import { ActionField } from "./ActionField";
import { typedName } from "../../lib/author";
import { useLeaveGuard } from "../shell/leaveGuard";
import { confirmDiscard, confirmEnable, offerRun } from "./confirmEnable";
import { PreviewPanel } from "./PreviewPanel";
import { actionOf, inputOf, markPreviewed, sameVersion, wasPreviewed, type ActionType } from "./rule";
import { problemText } from "../../problems";
import { WhyButton, WhyNote } from "../../components/Why";

interface Props {
  /** The rule being edited; null for a new one. */
  rule: Rule | null;
  onSaved: (id: number) => void;
  onBack: () => void;
  onOpenCustomer: (id: number) => void;
  /** Runs the saved rule now (offered when saving switches it on). */
  onRun: (id: number) => void;
  /** Why rules are not this person's to change (the team hub's rights): the editor only shows. */
  notAdmin?: string | null;
}

export function RuleEditor({ rule, onSaved, onBack, onOpenCustomer, onRun, notAdmin = null }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const tree = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const status = useQuery({ queryKey: queryKeys.appStatus, queryFn: appStatus, enabled: rule === null });
  const nodes = useMemo(() => tree.data?.nodes ?? [], [tree.data]);
  const editor = useConditionTree(rule?.condition ?? null);

  const [name, setName] = useState(rule?.name ?? "");
  const [owner, setOwner] = useState<string | null>(rule?.owner ?? null);
  const [priority, setPriority] = useState(rule?.priority ?? 0);
  const [enabled, setEnabled] = useState(rule?.enabled ?? false);
  const [actionType, setActionType] = useState<ActionType>(rule?.action.type ?? "add_tag");
  const [tagId, setTagId] = useState<number | null>(rule?.action.tag_id ?? null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<IpcError | null>(null);

  // Unsaved changes: what the form holds now against what it opened with.
  const snapshot = JSON.stringify([name, owner, priority, enabled, actionType, tagId, editor.built.condition]);
  const opened = useRef(snapshot);
  const saved = useRef(false);
  const dirty = snapshot !== opened.current && !saved.current;
  useLeaveGuard(dirty, () => confirmDiscard(modal, t));
  const back = async () => {
    if (dirty && !(await confirmDiscard(modal, t))) return;
    onBack();
  };

  const action = actionOf(actionType, tagId, nodes);
  // A new rule is owned by the user by name; the default author is no name, so it stays unowned.
  const shownOwner = owner ?? (rule === null ? typedName(status.data?.user_name ?? "") : "");
  const input: RuleInput | null =
    action === null || !editor.ready ? null : { name: name.trim(), owner: shownOwner.trim() === "" ? null : shownOwner.trim(), priority, enabled, condition: editor.built.condition, action };

  const showError = (e: unknown) => {
    const err = toIpcError(e);
    if (err.field === "name") setNameError(problemText(err.problem));
    else if (err.field === "action") setActionError(problemText(err.problem));
    setSaveError(err);
  };

  /** Says what is missing before anything is sent; the input when the form can go. */
  const complete = (): RuleInput | null => {
    let ok = true;
    if (name.trim() === "") {
      setNameError(t("rules.form.nameRequired"));
      ok = false;
    }
    if (action === null) {
      setActionError(tagId === null ? t("rules.action.needTag") : t("rules.action.needSingle"));
      ok = false;
    }
    return ok ? input : null;
  };

  const preview = useMutation({
    mutationFn: (i: RuleInput) => rulesPreview(rule?.id ?? null, i),
    onSuccess: (_, i) => {
      markPreviewed(i);
      setSaveError(null);
    },
    onError: showError,
  });
  const previewStale = preview.variables !== undefined && (input === null || !sameVersion(preview.variables, input));

  const save = useMutation({
    mutationFn: async (i: RuleInput) => (rule === null ? rulesCreate(i) : (await rulesUpdate(rule.id, i)).id),
    onSuccess: async (id, i) => {
      saved.current = true;
      setSaveError(null);
      message.success(t("rules.form.saved", { name: i.name }));
      await invalidateRuleData(client);
      // An enabled rule tags no one until a run: offer that rule's run at once.
      const switchedOn = i.enabled && !(rule?.enabled ?? false);
      const runNow = switchedOn && (await offerRun(modal, t, i.name));
      onSaved(id);
      if (runNow) onRun(id);
    },
    onError: showError,
  });

  const submit = async () => {
    const input = complete();
    if (input === null) return;
    // An enabled rule already saved in this version needs no new preview.
    const unchanged = rule !== null && rule.enabled && sameVersion(inputOf(rule), input);
    if (input.enabled && !unchanged && !wasPreviewed(input) && !(await confirmEnable(modal, t))) return;
    save.mutate(input);
  };

  const otherError = saveError !== null && !(saveError.code === "invalid" && saveError.field !== null) ? saveError : null;
  return (
    <Flex vertical gap="middle" data-testid="rule-editor">
      <Flex align="center" gap="small">
        <Button icon={<ArrowLeftOutlined />} data-testid="rule-back" onClick={() => void back()}>
          {t("rules.form.back")}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {rule === null ? t("rules.form.newTitle") : t("rules.form.editTitle", { name: rule.name })}
        </Typography.Title>
      </Flex>
      <WhyNote why={notAdmin} testId="rule-read-only" />
      <Form layout="vertical" component="div" disabled={notAdmin !== null}>
        <Flex gap="middle" wrap align="flex-start">
          <Form.Item label={t("rules.form.name")} required validateStatus={nameError === null ? undefined : "error"} help={nameError} style={{ minWidth: 260, marginBottom: 12 }}>
            <Input
              data-testid="rule-name"
              value={name}
              maxLength={100}
              placeholder={t("rules.form.namePlaceholder")}
              onChange={(e) => {
                setName(e.target.value);
                setNameError(null);
              }}
            />
          </Form.Item>
          <Form.Item label={t("rules.form.owner")} style={{ minWidth: 160, marginBottom: 12 }}>
            <Input data-testid="rule-owner" value={shownOwner} maxLength={60} onChange={(e) => setOwner(e.target.value)} />
          </Form.Item>
          <Form.Item label={t("rules.form.priority")} tooltip={t("rules.form.priorityHelp")} style={{ marginBottom: 12 }}>
            <InputNumber data-testid="rule-priority" value={priority} precision={0} onChange={(v) => setPriority(typeof v === "number" ? v : 0)} />
          </Form.Item>
          <Form.Item label={t("rules.form.enabled")} style={{ marginBottom: 12 }}>
            <Switch data-testid="rule-enabled" checked={enabled} onChange={setEnabled} />
          </Form.Item>
        </Flex>
        <Form.Item label={t("rules.action.type")} required validateStatus={actionError === null ? undefined : "error"} help={actionError} style={{ marginBottom: 12 }}>
          <ActionField
            type={actionType}
            tagId={tagId}
            nodes={nodes}
            onChange={(type, id) => {
              setActionType(type);
              setTagId(id);
              setActionError(null);
            }}
          />
        </Form.Item>
        <Typography.Text strong>{t("rules.form.condition")}</Typography.Text>
      </Form>
      <ConditionEditor editor={editor} saveError={saveError} testId="rule-condition" readOnly={notAdmin !== null}>
        {otherError !== null && <ErrorAlert error={otherError} testId="rule-save-error" />}
        <Flex gap="small">
          <Button
            icon={<EyeOutlined />}
            data-testid="rule-preview-run"
            loading={preview.isPending}
            disabled={!editor.ready}
            onClick={() => {
              const ready = complete();
              if (ready !== null) preview.mutate(ready);
            }}
          >
            {t("rules.form.preview")}
          </Button>
          <WhyButton why={notAdmin} type="primary" data-testid="rule-save" loading={save.isPending} disabled={!editor.ready} onClick={() => void submit()}>
            {t("rules.form.save")}
          </WhyButton>
        </Flex>
        {preview.data !== undefined && <PreviewPanel preview={preview.data} stale={previewStale} nodes={nodes} onOpenCustomer={onOpenCustomer} />}
      </ConditionEditor>
    </Flex>
  );
}
