//! Two buttons, 中文 and English; each name is written in its own language.
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useLanguage } from "./useLanguage";

/** `idPrefix` keeps test ids unique when a second switch is on screen (the settings page). */
export function LanguageSwitch({ idPrefix = "lang" }: { idPrefix?: string }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <span data-testid={`${idPrefix}-switch`} role="group" aria-label={t("lang.label")}>
      <Space.Compact>
        <Button
          data-testid={`${idPrefix}-zh`}
          type={language === "zh-CN" ? "primary" : "default"}
          aria-pressed={language === "zh-CN"}
          onClick={() => setLanguage("zh-CN")}
        >
          {t("lang.zh")}
        </Button>
        <Button
          data-testid={`${idPrefix}-en`}
          type={language === "en" ? "primary" : "default"}
          aria-pressed={language === "en"}
          onClick={() => setLanguage("en")}
        >
          {t("lang.en")}
        </Button>
      </Space.Compact>
    </span>
  );
}
