// Types translation keys from the Chinese resource file, so a missing key fails `tsc`.
import "i18next";
import type zhCN from "./zh-CN.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof zhCN };
  }
}
