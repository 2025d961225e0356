//! A tag or group in a health table: its name, and its path below in small print; the path
//! also shows whole on hover when the name is cut.
import { Flex, Typography } from "antd";

export function TagNameCell({ name, path, testId }: { name: string; path: string; testId?: string }) {
  return (
    <Flex vertical style={{ minWidth: 0 }}>
      <Typography.Text strong ellipsis={{ tooltip: path }} data-testid={testId}>
        {name}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
        {path}
      </Typography.Text>
    </Flex>
  );
}
