//! The window's title names the open file ("TagDesk — customers.db"), in the UI's language, and
//! follows a switch of file or language.
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { fileName } from "../../lib/format";
import { setWindowTitle } from "../../lib/ipc/window";

/** `path`: the open database, or null when none is open. */
export function useWindowTitle(path: string | null) {
  const { t, i18n } = useTranslation();
  const title = path === null ? t("window.noFile") : t("window.title", { file: fileName(path) });
  useEffect(() => {
    // A title the window could not take is cosmetic: the header names the file too.
    setWindowTitle(title)?.catch(() => undefined);
  }, [title, i18n.language]);
}
