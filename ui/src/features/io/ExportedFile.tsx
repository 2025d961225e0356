//! After an export: "open the file" and "show in folder". The shell opens only a file an export
//! wrote this session (`export_open` / `export_reveal`), so the page needs no opener permission.
import { App, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { exportOpen, exportReveal, toIpcError } from "../../lib/ipc";

/** What the export said it did (e.g. "exported 3 customers"), and the two ways to the file. */
export function ExportedFile({ text, path }: { text: string; path: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = (action: (path: string) => Promise<unknown>) => () => {
    action(path)?.catch((e: unknown) => void message.error(errorText(t, toIpcError(e))));
  };
  return (
    <Flex component="span" gap="small" align="baseline" wrap data-testid="export-done" data-path={path}>
      <span>{text}</span>
      <Typography.Link data-testid="export-open-file" onClick={run(exportOpen)}>
        {t("io.export.openFile")}
      </Typography.Link>
      <Typography.Link data-testid="export-show-in-folder" onClick={run(exportReveal)}>
        {t("io.export.showInFolder")}
      </Typography.Link>
    </Flex>
  );
}

/** How long the success message with the links stays, in seconds: long enough to reach for them. */
export const EXPORT_DONE_SECONDS = 10;
