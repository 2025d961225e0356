//! Rules (自动打标): the rules in run order with their switches, running them on demand with
//! progress and cancel, the run log and the last run's conflicts; or one rule's editor.
import { PlayCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Empty, Flex, Tabs, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PageTitle } from "../../components/PageTitle";
import { WhyButton, WhyNote } from "../../components/Why";
import { formatDateTime } from "../../lib/format";
import { rulesList, rulesLog, tagsTree, toIpcError, type Rule } from "../../lib/ipc";
import { queryKeys } from "../../lib/queryKeys";
import { CustomerProfile } from "../customers/profile/CustomerProfile";
import { useRights } from "../team/useRights";
import { ConflictTable } from "./ConflictTable";
import { RuleEditor } from "./RuleEditor";
import { RuleList } from "./RuleList";
import { RunLog } from "./RunLog";
import { RunStatus } from "./RunStatus";
import { useRulesRun } from "./useRulesRun";

export const LOG_LIMIT = 50;

type View = { mode: "list" } | { mode: "new"; key: number } | { mode: "edit"; rule: Rule };

interface Props {
  /** A rule to open in the editor once the rules are loaded (from the command palette). */
  initialRuleId?: number;
  /** Runs every enabled rule once they are loaded, as "run all" does (from the command palette). */
  runAll?: boolean;
}

export function RulesPage({ initialRuleId, runAll = false }: Props) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>({ mode: "list" });
  const [customer, setCustomer] = useState<number | null>(null);
  const [showRun, setShowRun] = useState(false);
  const rules = useQuery({ queryKey: queryKeys.rulesList, queryFn: rulesList });
  const log = useQuery({ queryKey: queryKeys.rulesLog(LOG_LIMIT), queryFn: () => rulesLog(LOG_LIMIT) });
  const tree = useQuery({ queryKey: queryKeys.tagsTree, queryFn: tagsTree });
  const job = useRulesRun();
  // Rules are the team's admins' and owner's: others look (and preview), the hub refuses the rest.
  const { notAdmin } = useRights();
  const nodes = tree.data?.nodes ?? [];
  const list = rules.data ?? [];
  const last = log.data?.[0];

  const start = (ruleId: number | null) => {
    setShowRun(true);
    job.start(ruleId);
  };
  // What the page was opened for happens once, when the rules it needs are there.
  const intentDone = useRef(false);
  useEffect(() => {
    if (intentDone.current || rules.data === undefined) return;
    intentDone.current = true;
    const rule = rules.data.find((r) => r.id === initialRuleId);
    if (rule !== undefined) setView({ mode: "edit", rule });
    else if (runAll && notAdmin === null && rules.data.some((r) => r.enabled)) start(null);
    // `start` is a fresh closure each render; the ref makes this run once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rules.data, initialRuleId, runAll]);
  const profile = <CustomerProfile id={customer} onClose={() => setCustomer(null)} onChipClick={() => undefined} onResult={() => undefined} />;

  if (view.mode !== "list") {
    const rule = view.mode === "edit" ? view.rule : null;
    return (
      <>
        <PageTitle>{t("nav.rules")}</PageTitle>
        <RuleEditor
          key={view.mode === "edit" ? `edit-${view.rule.id}-${view.rule.updated_at}` : `new-${view.key}`}
          rule={rule}
          onSaved={() => setView({ mode: "list" })}
          onBack={() => setView({ mode: "list" })}
          onOpenCustomer={setCustomer}
          onRun={start}
          notAdmin={notAdmin}
        />
        {profile}
      </>
    );
  }

  return (
    <>
      <PageTitle>{t("nav.rules")}</PageTitle>
      <Flex vertical gap="middle" data-testid="rules-page">
        <Flex justify="space-between" align="center" gap="middle" wrap>
          <Flex vertical style={{ maxWidth: 720 }}>
            <Typography.Text type="secondary">{t("rules.page.intro")}</Typography.Text>
            <WhyNote why={notAdmin} testId="rules-not-admin" />
          </Flex>
          <Flex gap="small">
            <WhyButton why={notAdmin} icon={<PlayCircleOutlined />} data-testid="rules-run-all" disabled={job.run.isPending || !list.some((r) => r.enabled)} onClick={() => start(null)}>
              {t("rules.page.runAll")}
            </WhyButton>
            <WhyButton why={notAdmin} type="primary" icon={<PlusOutlined />} data-testid="rule-new" onClick={() => setView({ mode: "new", key: Date.now() })}>
              {t("rules.page.new")}
            </WhyButton>
          </Flex>
        </Flex>
        {showRun && <RunStatus job={job} onClose={() => setShowRun(false)} />}
        {rules.error !== null && <ErrorAlert error={toIpcError(rules.error)} />}
        <Tabs
          items={[
            {
              key: "rules",
              label: <span data-testid="rules-tab-rules">{t("rules.page.tabRules")}</span>,
              children: <RuleList rules={list} nodes={nodes} loading={rules.isLoading} running={job.run.isPending} onEdit={(rule) => setView({ mode: "edit", rule })} onRun={(r) => start(r.id)} notAdmin={notAdmin} />,
            },
            {
              key: "log",
              label: <span data-testid="rules-tab-log">{t("rules.page.tabLog")}</span>,
              children: <RunLog runs={log.data ?? []} rules={list} loading={log.isLoading} />,
            },
            {
              key: "conflicts",
              label: <span data-testid="rules-tab-conflicts">{t("rules.page.tabConflicts")}</span>,
              children: (
                <Flex vertical gap="small" data-testid="rules-conflicts">
                  <Typography.Text type="secondary">{t("rules.conflict.explain")}</Typography.Text>
                  {last === undefined || last.conflicts.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("rules.conflict.empty")} />
                  ) : (
                    <>
                      <Typography.Text>{t("rules.conflict.fromRun", { at: formatDateTime(last.started_at, i18n.language) })}</Typography.Text>
                      <ConflictTable conflicts={last.conflicts} nodes={nodes} />
                    </>
                  )}
                </Flex>
              ),
            },
          ]}
        />
      </Flex>
      {profile}
    </>
  );
}
