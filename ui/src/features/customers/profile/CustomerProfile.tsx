//! One customer in a drawer: tags by group, attributes to edit, tag history and events.
import { DeleteOutlined } from "@ant-design/icons";
import { Alert, Drawer, Flex, Spin, Tabs, Typography } from "antd";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { WhyButton } from "../../../components/Why";
import { useRights } from "../../team/useRights";
import { customersDelete, customersGet, customersRestore, customersUpdate, eventsDelete, toIpcError, type IpcError } from "../../../lib/ipc";
import { invalidateCustomerData } from "../../../lib/invalidate";
import { queryKeys } from "../../../lib/queryKeys";
import type { ActionResult } from "../actionResult";
import { AddEvent } from "./AddEvent";
import { CustomerForm } from "./CustomerForm";
import { ProfileTags } from "./ProfileTags";
import { EventsTimeline, HistoryTimeline } from "./Timelines";

interface Props {
  id: number | null;
  onClose: () => void;
  onChipClick: (tag: { id: number; name: string }) => void;
  onResult: (result: ActionResult) => void;
  /** Opened to edit: the cursor starts in the name field. */
  editing?: boolean;
}

export function CustomerProfile({ id, onClose, onChipClick, onResult, editing = false }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState(false);
  const profile = useQuery({
    queryKey: queryKeys.customersGet(id ?? 0),
    queryFn: () => customersGet(id ?? 0),
    enabled: id !== null,
  });
  const remove = useMutation({
    mutationFn: (cid: number) => customersDelete([cid]),
    onSuccess: (n, cid) => {
      onClose();
      onResult({
        text: t("bulk.deleted", { count: n }),
        changed: n,
        undo: async () => {
          const back = await customersRestore([cid]);
          await invalidateCustomerData(client);
          onResult({ text: t("bulk.restored", { count: back }), changed: back });
        },
      });
      return invalidateCustomerData(client);
    },
    onError: (e) => setError(toIpcError(e)),
  });
  const deleteEvent = useMutation({
    mutationFn: eventsDelete,
    // The rules ran for this customer: tags may have changed too.
    onSuccess: () => invalidateCustomerData(client),
    onError: (e) => setError(toIpcError(e)),
  });
  const data = profile.data;
  // A viewer on the team hub reads the reason once at the top; the controls are disabled.
  const { readOnly } = useRights();

  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setError(null);
        setSaved(false);
        onClose();
      }}
      size={720}
      destroyOnHidden
      title={data?.customer.name ?? t("profile.title")}
      extra={
        id !== null && (
          <WhyButton why={readOnly} danger icon={<DeleteOutlined />} data-testid="profile-delete" loading={remove.isPending} onClick={() => remove.mutate(id)}>
            {t("bulk.delete")}
          </WhyButton>
        )
      }
      rootClassName="customer-profile"
    >
      <div data-testid="customer-profile" data-id={id ?? undefined}>
        {readOnly !== null && <Alert type="info" showIcon data-testid="profile-read-only" title={readOnly} style={{ marginBottom: 12 }} />}
        {error !== null && (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={error} />
          </div>
        )}
        {profile.isError && <ErrorAlert error={toIpcError(profile.error)} />}
        {profile.isPending && id !== null && <Spin />}
        {data !== undefined && id !== null && (
          <Flex vertical gap="large">
            <section>
              <Typography.Title level={5}>{t("profile.tags")}</Typography.Title>
              <ProfileTags customerId={id} groups={data.tag_groups} onChipClick={onChipClick} onError={setError} />
            </section>
            <Tabs
              items={[
                {
                  key: "attributes",
                  label: t("profile.attributes"),
                  children: (
                    <CustomerForm
                      customer={data.customer}
                      submitText={t("common.save")}
                      submitTestId="profile-save"
                      focusName={editing && readOnly === null}
                      why={readOnly}
                      extra={saved ? <Typography.Text type="success" data-testid="profile-saved">{t("profile.saved")}</Typography.Text> : null}
                      onSubmit={async (input) => {
                        setSaved(false);
                        await customersUpdate(id, input);
                        setSaved(true);
                        await invalidateCustomerData(client);
                      }}
                    />
                  ),
                },
                {
                  key: "history",
                  label: <span data-testid="tab-history">{t("profile.history")}</span>,
                  children: <HistoryTimeline history={data.history} />,
                },
                {
                  key: "events",
                  label: <span data-testid="tab-events">{t("profile.events", { count: data.event_count })}</span>,
                  children: (
                    <Flex vertical gap="small">
                      <div>
                        <AddEvent customerId={id} why={readOnly} />
                      </div>
                      <EventsTimeline events={data.events} total={data.event_count} onDelete={readOnly === null ? (eventId) => deleteEvent.mutate(eventId) : undefined} />
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        )}
      </div>
    </Drawer>
  );
}
