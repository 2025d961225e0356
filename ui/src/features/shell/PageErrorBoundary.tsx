//! Catches what goes wrong while a page is read or drawn (a chunk that fails to load, a bug in
//! a page), so the window keeps its menu and the other pages instead of going blank. The error
//! itself goes to the console for a bug report; the user reads a sentence in their language.
import { Button, Result, Space } from "antd";
import { Component, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  children: ReactNode;
}

export class PageErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: unknown) {
    console.error("TagDesk: a page failed", error);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return <PageFailed onRetry={() => this.setState({ failed: false })} />;
  }
}

function PageFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      data-testid="page-failed"
      status="warning"
      title={t("app.pageFailed")}
      subTitle={t("app.pageFailedHint")}
      extra={
        <Space>
          <Button onClick={onRetry}>{t("app.retry")}</Button>
          {/* A page whose code failed to load stays failed until the window reads it again. */}
          <Button type="primary" onClick={() => window.location.reload()}>
            {t("app.reload")}
          </Button>
        </Space>
      }
    />
  );
}
