//! The 撤销 link in the message after a bulk action (tagging, deleting, archiving): disabled with
//! the reason, like the history page's undo, when the team hub would refuse the undo. Rights can
//! change while the message shows (an exchange brings a new role, or gives a group to another
//! department), so the link reads them each time it renders rather than when the action ran.
import { useTranslation } from "react-i18next";
import { WhyButton } from "../../components/Why";
import { useRights, type Rights } from "../team/useRights";

/**
 * Why this person may not undo a change to the tags of `groups` (their tag groups; none for a
 * change of no group, such as deleting customers): a viewer undoes nothing, an editor nothing in
 * a group another department owns. Null when the undo is theirs.
 */
export function undoRefusal(rights: Rights, groups: readonly (number | null)[] = []): string | null {
  return rights.readOnly ?? groups.map((g) => rights.groupLocked(g)).find((why) => why !== null) ?? null;
}

interface Props {
  /** The tag groups the change touched (see [`undoRefusal`]). */
  groups?: readonly (number | null)[];
  testId: string;
  onUndo: () => void;
}

export function UndoLink({ groups, testId, onUndo }: Props) {
  const { t } = useTranslation();
  const why = undoRefusal(useRights(), groups);
  return (
    <WhyButton why={why} size="small" type="link" data-testid={testId} onClick={onUndo}>
      {t("common.undo")}
    </WhyButton>
  );
}
