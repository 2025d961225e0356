//! The live answer beside the builder: the total in large type, a quiet "counting…" while a new
//! count runs, the reason when the tree cannot be counted, and the newest matching customers.
import { Empty, Flex, Spin, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomerRow } from "../../../lib/ipc";
import { TagChips } from "../../customers/TagChips";

interface Props {
  total: number | undefined;
  state: "ready" | "counting" | "invalid";
  problem: string | null;
  sample: readonly CustomerRow[];
  millis: number | undefined;
}

export function LiveCount({ total, state, problem, sample, millis }: Props) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="small" className="live-count">
      <div data-testid="segment-live-count" data-count={state === "invalid" || total === undefined ? undefined : total} data-state={state}>
        <Statistic
          title={
            <Flex align="center" gap={6}>
              <span>{t("segments.live.title")}</span>
              {state === "counting" && (
                <Typography.Text type="secondary" data-testid="segment-counting">
                  <Spin size="small" /> {t("segments.live.counting")}
                </Typography.Text>
              )}
            </Flex>
          }
          value={state === "invalid" || total === undefined ? "—" : total}
          suffix={state === "invalid" || total === undefined ? undefined : t("segments.live.people")}
          // The word after the number is smaller and never wraps under it ("3,000 customers").
          styles={{ content: { fontSize: 36, whiteSpace: "nowrap", opacity: state === "counting" ? 0.5 : 1 }, suffix: { fontSize: 16 } }}
        />
      </div>
      {state === "invalid" && problem !== null && (
        <Typography.Text type="danger" data-testid="segment-live-problem">
          {problem}
        </Typography.Text>
      )}
      {state !== "invalid" && millis !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("segments.live.millis", { ms: millis.toFixed(1) })}
        </Typography.Text>
      )}
      <Typography.Text strong>{t("segments.live.newest")}</Typography.Text>
      {sample.length === 0 && state !== "ready" ? (
        <Typography.Text type="secondary" data-testid="segment-sample-loading">
          <Spin size="small" /> {t("segments.live.counting")}
        </Typography.Text>
      ) : sample.length === 0 ? (
        <Empty data-testid="segment-nobody" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("segments.live.nobody")} />
      ) : (
        <Flex vertical gap={4} data-testid="segment-live-sample" style={{ opacity: state === "ready" ? 1 : 0.5 }}>
          {sample.map((c) => (
            <Flex key={c.id} vertical gap={2} className="live-sample-row" data-testid="live-sample-row" data-id={c.id}>
              <Typography.Text ellipsis>
                {c.name}
                {c.city !== null && <Typography.Text type="secondary"> · {c.city}</Typography.Text>}
              </Typography.Text>
              <TagChips tags={c.tags} />
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
