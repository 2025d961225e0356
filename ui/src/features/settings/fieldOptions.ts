//! Choice options as people type them: one per line or separated by commas (, ， 、), trimmed, without repeats.
export function parseOptions(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n,，、;；]/)) {
    const option = raw.trim();
    if (option && !seen.has(option)) {
      seen.add(option);
      out.push(option);
    }
  }
  return out;
}

export const isChoiceKind = (kind: string): boolean => kind === "single_choice" || kind === "multi_choice";
