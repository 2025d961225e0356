//! What an events file's column likely means, from its header (folded with
//! [`mapping::key`](crate::import::mapping), so case, width, spaces and _-: do not matter).

use crate::import::decorated::{self, Fit};
use crate::import::mapping::{by_key, key, one_each, Attribute};
use crate::import::ColumnTarget;

const KINDS: &[&str] = &[
    "事件",
    "事件类型",
    "类型",
    "行为",
    "kind",
    "event",
    "eventtype",
    "type",
];

const TIMES: &[&str] = &[
    "时间",
    "日期",
    "发生时间",
    "事件时间",
    "下单时间",
    "下单日期",
    "订单日期",
    "付款时间",
    "支付时间",
    "成交时间",
    "time",
    "date",
    "datetime",
    "timestamp",
    "occurredat",
    "orderdate",
];

/// Order ids: a repeated file, or an overlapping export, adds each order once.
const IDS: &[&str] = &[
    "订单号",
    "订单编号",
    "订单id",
    "单号",
    "交易号",
    "交易单号",
    "流水号",
    "事件id",
    "orderid",
    "orderno",
    "ordernumber",
    "transactionid",
    "eventid",
];

const AMOUNTS: &[&str] = &[
    "金额",
    "实付金额",
    "订单金额",
    "实收金额",
    "支付金额",
    "成交金额",
    "消费金额",
    "amount",
    "total",
    "value",
    "dollarvalue",
    "price",
    "revenue",
    "sales",
];

/// What each column of an events file likely means, each part of an event and each key for one
/// column at most; `properties` are the declared keys.
pub(super) fn suggest_all(headers: &[String], properties: &[String]) -> Vec<ColumnTarget> {
    one_each(headers.iter().map(|h| suggestion(h, properties)).collect())
}

/// The likely meaning of an events file's column, and how closely its header said it: as it
/// is, or once undecorated (实付金额(元), 买家手机号; see `import::decorated`).
fn suggestion(header: &str, properties: &[String]) -> (ColumnTarget, Fit) {
    decorated::named(&key(header), |k| suggest_key(k, properties))
        .unwrap_or((ColumnTarget::Ignore, Fit::AsItIs))
}

#[cfg(test)]
fn suggest(header: &str, properties: &[String]) -> ColumnTarget {
    suggestion(header, properties).0
}

/// What folded header `k` names in an events file, as it is.
fn suggest_key(k: &str, properties: &[String]) -> ColumnTarget {
    let attribute = |attribute| ColumnTarget::Attribute { attribute };
    if KINDS.contains(&k) {
        return ColumnTarget::EventKind;
    }
    if TIMES.contains(&k) {
        return ColumnTarget::EventTime;
    }
    if IDS.contains(&k) {
        return ColumnTarget::EventId;
    }
    if AMOUNTS.contains(&k) {
        return ColumnTarget::EventAmount;
    }
    if let Some(p) = properties.iter().find(|p| key(p) == k) {
        return ColumnTarget::EventProperty { key: p.clone() };
    }
    match by_key(k, &[], &[]) {
        t @ ColumnTarget::Attribute {
            attribute: Attribute::Phone | Attribute::Email | Attribute::ExternalId,
        } => t,
        _ if ["客户id", "客户编号"].contains(&k) => attribute(Attribute::ExternalId),
        _ => ColumnTarget::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_exports_columns_are_recognised_each_part_once() {
        let headers: Vec<String> = [
            "订单号",
            "下单时间",
            "付款时间",
            "买家手机号",
            "实付金额(元)",
        ]
        .iter()
        .map(|h| h.to_string())
        .collect();
        assert_eq!(
            suggest_all(&headers, &[]),
            [
                ColumnTarget::EventId,
                ColumnTarget::EventTime,
                ColumnTarget::Ignore,
                ColumnTarget::Attribute {
                    attribute: Attribute::Phone
                },
                ColumnTarget::EventAmount,
            ]
        );
    }

    #[test]
    fn events_headers_in_chinese_and_english_are_recognised() {
        let attr = |attribute| ColumnTarget::Attribute { attribute };
        for (header, want) in [
            ("手机号", attr(Attribute::Phone)),
            ("Email", attr(Attribute::Email)),
            ("会员号", attr(Attribute::ExternalId)),
            ("事件", ColumnTarget::EventKind),
            ("发生时间", ColumnTarget::EventTime),
            ("Amount", ColumnTarget::EventAmount),
            (
                "product",
                ColumnTarget::EventProperty {
                    key: "product".into(),
                },
            ),
            ("姓名", ColumnTarget::Ignore),
        ] {
            assert_eq!(suggest(header, &["product".into()]), want, "{header}");
        }
    }

    #[test]
    fn order_id_and_amount_columns_are_suggested_from_common_headers() {
        for header in [
            "订单号",
            "订单编号",
            "订单ID",
            "单号",
            "Order ID",
            "order_no",
            "Order Number",
            "Transaction ID",
        ] {
            assert_eq!(suggest(header, &[]), ColumnTarget::EventId, "{header}");
        }
        for header in [
            "金额",
            "实付金额",
            "订单金额",
            "实收金额",
            "支付金额",
            "成交金额",
            "Total",
            "dollar_value",
            "Price",
            "Revenue",
            "Sales",
        ] {
            assert_eq!(suggest(header, &[]), ColumnTarget::EventAmount, "{header}");
        }
    }
}
