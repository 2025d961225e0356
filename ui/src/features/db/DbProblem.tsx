//! Full-page screen shown instead of the shell when no database could be opened, with ways out.
import { DatabaseOutlined, FileAddOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Flex, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import type { DatabaseProblem, ErrorCode } from "../../lib/ipc";
import { LanguageSwitch } from "../shell/LanguageSwitch";
import { BackupList } from "./BackupList";
import { DbActionButtons } from "./DbActionButtons";
import { useDbActions } from "./useDbActions";
import { problemText } from "../../problems";

const SPECIFIC = [
  "database_missing",
  "database_corrupt",
  "database_too_new",
  "database_empty",
  "database_busy",
  "read_only_outdated",
] as const satisfies readonly ErrorCode[];
type HeadlineKey = (typeof SPECIFIC)[number] | "generic" | "none";

/** Which headline fits: one per known problem, a generic one otherwise, `none` when nothing was opened. */
export function headlineKey(problem: DatabaseProblem | null): HeadlineKey {
  if (problem === null) return "none";
  return SPECIFIC.find((code) => code === problem.error.code) ?? "generic";
}

export function DbProblem({ problem }: { problem: DatabaseProblem | null }) {
  const { t } = useTranslation();
  const actions = useDbActions();
  const key = headlineKey(problem);
  // An empty file is offered as a place for a new database, never made one unasked.
  const emptyFile = problem?.error.code === "database_empty" || actions.error?.code === "database_empty";
  const busyFile = problem?.error.code === "database_busy";

  return (
    <div data-testid="db-problem" className="page-center">
      <Card style={{ width: "100%", maxWidth: 760 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Result
          status={problem === null ? "info" : "warning"}
          icon={problem === null ? <DatabaseOutlined /> : undefined}
          title={<span data-testid="problem-headline">{t(`problem.headline.${key}`)}</span>}
          subTitle={t(`problem.hint.${key}`)}
          style={{ paddingBottom: 16 }}
        />
        <Flex vertical gap="middle">
          {problem !== null && (
            <Descriptions
              size="small"
              bordered
              column={1}
              items={[
                {
                  key: "path",
                  label: t("problem.path"),
                  children: (
                    <Typography.Text code copyable data-testid="problem-path">
                      {problem.path}
                    </Typography.Text>
                  ),
                },
                {
                  key: "detail",
                  label: t("problem.detail"),
                  children: <span data-testid="problem-detail">{problemText(problem.error.problem)}</span>,
                },
              ]}
            />
          )}
          {actions.error !== null && <ErrorAlert error={actions.error} testId="problem-action-error" />}
          {problem !== null && (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t("problem.backups")}
              </Typography.Title>
              <BackupList
                backups={problem.backups}
                onRestore={(path) => actions.restore.mutate(path)}
                restoringPath={actions.restore.isPending ? (actions.restore.variables ?? null) : null}
                disabled={actions.busy}
              />
            </>
          )}
          {emptyFile && (
            <Flex justify="center">
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                data-testid="problem-start-in-empty"
                loading={actions.startInEmpty.isPending}
                disabled={actions.busy}
                onClick={() => actions.startInEmpty.mutate()}
              >
                {t("problem.startInEmpty")}
              </Button>
            </Flex>
          )}
          {busyFile && (
            <Flex justify="center">
              <Button
                type="primary"
                icon={<ReloadOutlined />}
                data-testid="problem-retry"
                loading={actions.retry.isPending}
                disabled={actions.busy}
                onClick={() => actions.retry.mutate(problem.path)}
              >
                {t("problem.retry")}
              </Button>
            </Flex>
          )}
          <DbActionButtons actions={actions} testIdPrefix="problem" primaryFirst={!emptyFile && !busyFile} />
        </Flex>
      </Card>
    </div>
  );
}
