// Generated from src-tauri/core/src/customers/attributes.rs by scripts/gen-bindings.sh; do not edit.
import type { CustomerAttribute } from "./bindings/CustomerAttribute";

/** The customer's built-in attributes, in the order the app lists them. */
export const CUSTOMER_ATTRIBUTES = [
  {
    "key": "name",
    "kind": "text",
    "options": [],
    "attribute": "name",
    "sort": "name",
    "searchable": true,
    "free_text": true
  },
  {
    "key": "phone",
    "kind": "text",
    "options": [],
    "attribute": "phone",
    "sort": "phone",
    "searchable": true,
    "free_text": true
  },
  {
    "key": "email",
    "kind": "text",
    "options": [],
    "attribute": "email",
    "sort": "email",
    "searchable": true,
    "free_text": true
  },
  {
    "key": "company",
    "kind": "text",
    "options": [],
    "attribute": "company",
    "sort": "company",
    "searchable": true,
    "free_text": true
  },
  {
    "key": "job_title",
    "kind": "text",
    "options": [],
    "attribute": "job_title",
    "sort": null,
    "searchable": false,
    "free_text": false
  },
  {
    "key": "industry",
    "kind": "text",
    "options": [],
    "attribute": "industry",
    "sort": "industry",
    "searchable": false,
    "free_text": false
  },
  {
    "key": "province",
    "kind": "text",
    "options": [],
    "attribute": "province",
    "sort": "province",
    "searchable": false,
    "free_text": false
  },
  {
    "key": "city",
    "kind": "text",
    "options": [],
    "attribute": "city",
    "sort": "city",
    "searchable": false,
    "free_text": false
  },
  {
    "key": "source",
    "kind": "text",
    "options": [],
    "attribute": "source",
    "sort": "source",
    "searchable": false,
    "free_text": false
  },
  {
    "key": "customer_type",
    "kind": "choice",
    "options": [
      "b2b",
      "b2c"
    ],
    "attribute": "customer_type",
    "sort": null,
    "searchable": false,
    "free_text": false
  },
  {
    "key": "level",
    "kind": "text",
    "options": [],
    "attribute": "level",
    "sort": "level",
    "searchable": false,
    "free_text": false
  },
  {
    "key": "gender",
    "kind": "choice",
    "options": [
      "male",
      "female",
      "other"
    ],
    "attribute": "gender",
    "sort": null,
    "searchable": false,
    "free_text": false
  },
  {
    "key": "birthday",
    "kind": "date",
    "options": [],
    "attribute": "birthday",
    "sort": null,
    "searchable": false,
    "free_text": false
  },
  {
    "key": "notes",
    "kind": "text",
    "options": [],
    "attribute": "notes",
    "sort": null,
    "searchable": false,
    "free_text": true
  },
  {
    "key": "external_id",
    "kind": "text",
    "options": [],
    "attribute": "external_id",
    "sort": null,
    "searchable": false,
    "free_text": true
  },
  {
    "key": "created_at",
    "kind": "timestamp",
    "options": [],
    "attribute": null,
    "sort": "created_at",
    "searchable": false,
    "free_text": false
  },
  {
    "key": "updated_at",
    "kind": "timestamp",
    "options": [],
    "attribute": null,
    "sort": "updated_at",
    "searchable": false,
    "free_text": false
  }
] as const satisfies readonly CustomerAttribute[];

export type AttributeKey = (typeof CUSTOMER_ATTRIBUTES)[number]["key"];
