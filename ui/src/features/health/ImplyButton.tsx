//! "Make A imply B" for a pair where every A is B (or nearly): a rule that gives B to whoever
//! has A, so the pair stays consistent without merging two tags that mean different things
//! (高消费 is a kind of 老客户, not the same). The rule is an ordinary one on the rules page,
//! where it can be switched off or deleted. Rules are the team's admins' and owner's: others find
//! the button disabled with the reason.
import { App } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorText } from "../../components/errorText";
import { rulesCreate, toIpcError, type DuplicatePair } from "../../lib/ipc";
import { invalidateRuleData } from "../../lib/invalidate";
import { WhyButton } from "../../components/Why";
import { useRights } from "../team/useRights";

export function ImplyButton({ pair }: { pair: DuplicatePair }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const names = { a: pair.a_name, b: pair.b_name };
  const { notAdmin } = useRights();
  const create = useMutation({
    mutationFn: () =>
      rulesCreate({
        name: t("health.imply.ruleName", names),
        owner: null,
        priority: 0,
        enabled: true,
        condition: { type: "tag", tag_id: pair.a },
        action: { type: "add_tag", tag_id: pair.b },
      }),
    onSuccess: async () => {
      await invalidateRuleData(client);
      void message.success(<span data-testid="imply-done">{t("health.imply.done", names)}</span>);
    },
    onError: (e) => void message.error(errorText(t, toIpcError(e))),
  });
  return (
    <WhyButton
      why={notAdmin}
      size="small"
      type="link"
      loading={create.isPending}
      data-testid="imply"
      onClick={() =>
        void modal.confirm({
          title: t("health.imply.title", names),
          content: t("health.imply.text", names),
          okText: t("health.imply.ok"),
          cancelText: t("common.cancel"),
          onOk: () => create.mutateAsync(),
        })
      }
    >
      {t("health.imply.button", names)}
    </WhyButton>
  );
}
