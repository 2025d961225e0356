//! "New customer": the profile's attribute form in a modal; the new customer opens afterwards.
import { Modal } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { customersCreate } from "../../../lib/ipc";
import { invalidateCustomerData } from "../../../lib/invalidate";
import { CustomerForm } from "./CustomerForm";

export function NewCustomerModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return (
    <Modal open={open} title={t("customer.new")} footer={null} onCancel={onClose} destroyOnHidden width={720}>
      <CustomerForm
        customer={null}
        submitText={t("customer.create")}
        submitTestId="customer-create-ok"
        onSubmit={async (input) => {
          const id = await customersCreate(input);
          await invalidateCustomerData(client);
          onCreated(id);
        }}
      />
    </Modal>
  );
}
