//! Customers or events: asked on the file step and again on the mapping step, and offered beside a
//! failed preview (an events file read as customers fails for want of a name column).
import { Radio } from "antd";
import { useTranslation } from "react-i18next";
import type { ImportWhat } from "./api";

const WHAT: readonly ImportWhat[] = ["customers", "events"];

export function WhatChoice({ value, onChange }: { value: ImportWhat; onChange: (what: ImportWhat) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      data-testid="import-what"
      optionType="button"
      buttonStyle="solid"
      value={value}
      options={WHAT.map((w) => ({ value: w, label: <span data-testid={`import-what-${w}`}>{t(`io.import.whatOpt.${w}`)}</span> }))}
      onChange={(e) => onChange(e.target.value as ImportWhat)}
    />
  );
}
