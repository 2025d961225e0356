//! Behaviour events grouped by kind and sorted by time, so a window is a contiguous range.
//! Customers whose events changed since the build are masked out of the sorted arrays and
//! their current events kept in a small overlay until the next rebuild.

use roaring::RoaringBitmap;
use std::collections::HashMap;

#[derive(Default)]
pub struct Events {
    kinds: HashMap<String, KindEvents>,
    /// Distinct property sets (parsed once each): most events share a handful.
    property_sets: Vec<Vec<(String, String)>>,
    property_lookup: HashMap<String, u32>,
    /// Customers whose events in `kinds` are stale; their events live in `overlay`.
    masked: RoaringBitmap,
    overlay: Vec<(String, Event)>,
}

#[derive(Default)]
struct KindEvents {
    events: Vec<Event>,
}

#[derive(Clone, Copy)]
pub struct Event {
    pub at: i64,
    pub customer: u32,
    pub amount: f64,
    pub properties: u32,
}

/// An event as read from the database: (kind, time, customer, amount, properties JSON).
pub type EventRow = (String, i64, u32, Option<f64>, String);

/// What to measure over which events.
pub struct EventQuery<'a> {
    pub kind: &'a str,
    pub property: Option<(&'a str, &'a str)>,
    /// Inclusive time bounds (unix seconds).
    pub from: i64,
    pub to: i64,
    pub sum_amount: bool,
}

impl Events {
    /// Adds one event while building (call `seal` when done).
    pub fn push(
        &mut self,
        kind: &str,
        at: i64,
        customer: u32,
        amount: Option<f64>,
        properties: &str,
    ) {
        let event = Event {
            at,
            customer,
            amount: amount.unwrap_or(0.0),
            properties: self.intern(properties),
        };
        match self.kinds.get_mut(kind) {
            Some(k) => k.events.push(event),
            None => {
                self.kinds.insert(
                    kind.to_string(),
                    KindEvents {
                        events: vec![event],
                    },
                );
            }
        }
    }

    /// Sorts each kind by time; the build is complete.
    pub fn seal(&mut self) {
        for k in self.kinds.values_mut() {
            k.events.sort_unstable_by_key(|e| (e.at, e.customer));
        }
    }

    /// Replaces the events of `customers` with `fresh` (their current events, all kinds).
    pub fn replace(
        &mut self,
        customers: &RoaringBitmap,
        fresh: Vec<(String, i64, u32, Option<f64>, String)>,
    ) {
        self.masked |= customers;
        self.overlay
            .retain(|(_, e)| !customers.contains(e.customer));
        for (kind, at, customer, amount, props) in fresh {
            let properties = self.intern(&props);
            self.overlay.push((
                kind,
                Event {
                    at,
                    customer,
                    amount: amount.unwrap_or(0.0),
                    properties,
                },
            ));
        }
    }

    /// How many events live outside the sorted arrays (a rebuild folds them back in).
    pub fn overlay_len(&self) -> usize {
        self.overlay.len() + self.masked.len() as usize
    }

    /// Kinds seen, with the property keys their events carry.
    pub fn kinds(&self) -> Vec<(String, Vec<String>)> {
        let mut kinds: HashMap<&str, Vec<u32>> = HashMap::new();
        for (kind, k) in &self.kinds {
            let sets = kinds.entry(kind).or_default();
            sets.extend(k.events.iter().map(|e| e.properties));
        }
        for (kind, e) in &self.overlay {
            kinds.entry(kind).or_default().push(e.properties);
        }
        let mut out: Vec<(String, Vec<String>)> = kinds
            .into_iter()
            .map(|(kind, mut sets)| {
                sets.sort_unstable();
                sets.dedup();
                let mut keys: Vec<String> = sets
                    .iter()
                    .flat_map(|s| {
                        self.property_sets[*s as usize]
                            .iter()
                            .map(|(k, _)| k.clone())
                    })
                    .collect();
                keys.sort();
                keys.dedup();
                (kind.to_string(), keys)
            })
            .collect();
        out.sort();
        out
    }

    /// The measure of each customer having at least one matching event.
    pub fn measure(&self, q: &EventQuery) -> HashMap<u32, f64> {
        let wanted: Vec<bool> = self
            .property_sets
            .iter()
            .map(|set| match q.property {
                None => true,
                Some((key, value)) => set.iter().any(|(k, v)| k == key && v == value),
            })
            .collect();
        let mut out: HashMap<u32, f64> = HashMap::new();
        let mut add = |e: &Event| {
            if wanted[e.properties as usize] {
                *out.entry(e.customer).or_insert(0.0) += if q.sum_amount { e.amount } else { 1.0 };
            }
        };
        if let Some(k) = self.kinds.get(q.kind) {
            let start = k.events.partition_point(|e| e.at < q.from);
            let end = k.events.partition_point(|e| e.at <= q.to);
            let masked = !self.masked.is_empty();
            for e in &k.events[start..end.max(start)] {
                if !(masked && self.masked.contains(e.customer)) {
                    add(e);
                }
            }
        }
        for (kind, e) in &self.overlay {
            if kind == q.kind && e.at >= q.from && e.at <= q.to {
                add(e);
            }
        }
        out
    }

    fn intern(&mut self, properties: &str) -> u32 {
        if let Some(id) = self.property_lookup.get(properties) {
            return *id;
        }
        let id = self.property_sets.len() as u32;
        self.property_sets.push(parse_properties(properties));
        self.property_lookup.insert(properties.to_string(), id);
        id
    }
}

/// A JSON object's entries as (key, value as text); anything else has no properties.
pub fn parse_properties(json: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, text)
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(kind: &str, from: i64, to: i64) -> EventQuery<'_> {
        EventQuery {
            kind,
            property: None,
            from,
            to,
            sum_amount: false,
        }
    }

    #[test]
    fn a_window_counts_only_events_inside_it() {
        let mut ev = Events::default();
        for (at, c) in [(10, 1), (20, 1), (30, 2), (40, 1)] {
            ev.push("下单", at, c, None, "{}");
        }
        ev.push("登录", 20, 3, None, "{}");
        ev.seal();
        let m = ev.measure(&query("下单", 15, 35));
        assert_eq!(m.get(&1), Some(&1.0));
        assert_eq!(m.get(&2), Some(&1.0));
        assert_eq!(m.get(&3), None);
    }

    #[test]
    fn replaced_customers_are_measured_from_the_overlay_only() {
        let mut ev = Events::default();
        ev.push("下单", 10, 1, Some(5.0), r#"{"product":"A"}"#);
        ev.push("下单", 10, 2, Some(7.0), r#"{"product":"B"}"#);
        ev.seal();
        let one: RoaringBitmap = [1].into_iter().collect();
        ev.replace(
            &one,
            vec![("下单".into(), 11, 1, Some(2.0), r#"{"product":"B"}"#.into())],
        );
        let q = EventQuery {
            kind: "下单",
            property: Some(("product", "B")),
            from: 0,
            to: 100,
            sum_amount: true,
        };
        let m = ev.measure(&q);
        assert_eq!(m.get(&1), Some(&2.0));
        assert_eq!(m.get(&2), Some(&7.0));
    }

    #[test]
    fn property_values_of_any_json_type_compare_as_text() {
        assert_eq!(
            parse_properties(r#"{"page":"pricing","n":3}"#),
            vec![
                ("n".to_string(), "3".to_string()),
                ("page".to_string(), "pricing".to_string())
            ]
        );
        assert!(parse_properties("not json").is_empty());
    }
}
