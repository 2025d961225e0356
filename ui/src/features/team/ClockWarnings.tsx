//! A warning for each team laptop whose clock ran far ahead of this one when its changes came:
//! "王芳的笔记本的时钟快了约 2 小时". Its changes were applied; until its clock is set right they
//! can win over what others change at the same time, so the person is asked to fix the clock.
import { Alert, Flex } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { DeviceSeen } from "../../lib/ipc";

/** "约 2 小时" / "about 2 hours": minutes below an hour, hours below two days, then days. */
function aheadText(t: TFunction, seconds: number): string {
  if (seconds < 3600) return t("team.clock.minutes", { count: Math.round(seconds / 60) });
  if (seconds < 48 * 3600) return t("team.clock.hours", { count: Math.round(seconds / 3600) });
  return t("team.clock.days", { count: Math.round(seconds / 86400) });
}

export function ClockWarnings({ devices }: { devices: DeviceSeen[] }) {
  const { t } = useTranslation();
  const ahead = devices.filter((d) => d.clock_ahead !== null);
  if (ahead.length === 0) return null;
  return (
    <Flex vertical gap="small">
      {ahead.map((d) => (
        <Alert
          key={d.id}
          type="warning"
          showIcon
          data-testid="team-clock-ahead"
          title={t("team.clock.ahead", { device: d.name === "" ? d.id : d.name, ahead: aheadText(t, d.clock_ahead ?? 0) })}
          description={t("team.clock.hint")}
        />
      ))}
    </Flex>
  );
}
