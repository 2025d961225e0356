//! The builder's small select: one size, a popup as wide as its options need, and search by
//! label unless switched off (then antd's default for the mode applies: tags mode still takes
//! typing) — the same for every value editor.
import { Select, type SelectProps } from "antd";

type Props<V> = Omit<SelectProps<V>, "size" | "showSearch"> & {
  testId: string;
  minWidth?: number;
  searchable?: boolean;
};

export function CompactSelect<V>({ testId, minWidth, searchable = true, style, ...rest }: Props<V>) {
  return (
    <Select<V>
      size="small"
      popupMatchSelectWidth={false}
      showSearch={searchable ? { optionFilterProp: "label" } : undefined}
      style={{ minWidth, ...style }}
      data-testid={testId}
      {...rest}
    />
  );
}
