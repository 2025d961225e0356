//! The heading every page starts with; the e2e tests find pages by its `page-title` id.
import { Typography } from "antd";

export function PageTitle({ children }: { children: string }) {
  return (
    <Typography.Title level={3} data-testid="page-title" style={{ marginTop: 0 }}>
      {children}
    </Typography.Title>
  );
}
