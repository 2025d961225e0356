//! One i18next instance for the whole UI; the language itself is owned by the backend (`app_status`).
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhCN from "./zh-CN.json";
import { DEFAULT_LANGUAGE } from "./languages";
import { numberFormatter } from "./numbers";

void i18n.use(initReactI18next).use(numberFormatter).init({
  resources: {
    "zh-CN": { translation: zhCN },
    en: { translation: en },
  },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  load: "currentOnly",
  // Resources are bundled, so initialisation can finish before the first render.
  initAsync: false,
  // alwaysFormat: bare {{count}} placeholders reach numberFormatter too.
  interpolation: { escapeValue: false, alwaysFormat: true },
  returnNull: false,
});

i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
});

export default i18n;
