//! A control disabled for a reason that shows on hover. A disabled button receives no pointer
//! events (and antd 6 no longer wraps it for a tooltip), so the tooltip sits on a wrapper.
import { LockOutlined } from "@ant-design/icons";
import { Button, Tooltip, Typography, type ButtonProps } from "antd";
import type { ReactNode } from "react";

/** Wraps a control its caller has disabled because of `why`; without a reason, the control alone. */
export function Why({ why, children }: { why: string | null; children: ReactNode }) {
  if (why === null) return children;
  return (
    <Tooltip title={why}>
      <span className="why-disabled" data-why={why}>
        {children}
      </span>
    </Tooltip>
  );
}

/** A button that is disabled, and says why, when `why` is set; `hint` is its tooltip otherwise (an icon button's name). */
export function WhyButton({ why, hint, disabled, ...props }: ButtonProps & { why: string | null; hint?: string }) {
  const button = <Button {...props} disabled={disabled === true || why !== null} />;
  if (why === null && hint !== undefined) return <Tooltip title={hint}>{button}</Tooltip>;
  return <Why why={why}>{button}</Why>;
}

/** The reason as a line of text, above a card or form whose controls it disables; nothing without one. */
export function WhyNote({ why, testId }: { why: string | null; testId: string }) {
  if (why === null) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid={testId} style={{ marginBottom: 12 }}>
      <LockOutlined /> {why}
    </Typography.Paragraph>
  );
}
