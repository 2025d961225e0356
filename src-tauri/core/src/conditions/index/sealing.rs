//! A build's events as read from the table (in its own order, one pass) and how each kind's
//! become the arrays `events` answers from. Held as columns, one kind at a time sorted and
//! returned, so reading five million events never holds them twice.

use super::events::KindEvents;

/// A kind's events as read during a build, one column each, in the order read. Properties
/// and amounts take no room until an event differs from the kind's first set or has an
/// amount: most kinds then hold 12 bytes an event while the table is read (24 as rows), and
/// sealing sorts them into the kind's arrays without copying its times when the table
/// already holds them in customer order (as imports and the generator write them).
#[derive(Default)]
pub(super) struct PendingEvents {
    customers: Vec<u32>,
    at: Vec<i64>,
    /// Empty while every event has the kind's `shared_properties`.
    properties: Vec<u32>,
    /// Empty while no event has an amount.
    amounts: Vec<f64>,
}

impl PendingEvents {
    pub(super) fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    pub(super) fn push(
        &mut self,
        shared: u32,
        at: i64,
        customer: u32,
        amount: f64,
        properties: u32,
    ) {
        // A column starts when its first differing value arrives (at any position, the
        // first included), filled with what the events before it had.
        if !self.properties.is_empty() {
            self.properties.push(properties);
        } else if properties != shared {
            self.properties = vec![shared; self.at.len()];
            self.properties.push(properties);
        }
        if !self.amounts.is_empty() {
            self.amounts.push(amount);
        } else if amount != 0.0 {
            self.amounts = vec![0.0; self.at.len()];
            self.amounts.push(amount);
        }
        self.customers.push(customer);
        self.at.push(at);
    }
}

/// `column` reordered: its `order[i]`th value at `i`.
fn gather<T: Copy>(order: &[u32], column: Vec<T>) -> Vec<T> {
    if column.is_empty() {
        return column;
    }
    order.iter().map(|i| column[*i as usize]).collect()
}

impl KindEvents {
    /// Takes the events read into its arrays, ordered by (customer, time, properties).
    pub(super) fn seal(&mut self, pending: PendingEvents) {
        let PendingEvents {
            mut customers,
            mut at,
            mut properties,
            mut amounts,
        } = pending;
        let shared = self.shared_properties;
        let key = |i: usize| {
            let p = properties.get(i).copied().unwrap_or(shared);
            (customers[i], at[i], p)
        };
        if !(1..at.len()).all(|i| key(i - 1) <= key(i)) {
            let mut order: Vec<u32> = (0..at.len() as u32).collect();
            order.sort_unstable_by_key(|i| key(*i as usize));
            customers = gather(&order, customers);
            at = gather(&order, at);
            properties = gather(&order, properties);
            amounts = gather(&order, amounts);
        }
        self.customers.clear();
        self.starts.clear();
        for (i, c) in customers.iter().enumerate() {
            if self.customers.last() != Some(c) {
                self.customers.push(*c);
                self.starts.push(i as u32);
            }
        }
        self.starts.push(at.len() as u32);
        self.customers.shrink_to_fit();
        self.starts.shrink_to_fit();
        // Positions sorted by time (ties by position): 4 bytes an event, not 16.
        let mut by_time: Vec<u32> = (0..at.len() as u32).collect();
        by_time.sort_unstable_by_key(|i| (at[*i as usize], *i));
        self.time_customers = by_time.iter().map(|i| customers[*i as usize]).collect();
        drop(customers);
        self.by_time = by_time;
        at.shrink_to_fit();
        properties.shrink_to_fit();
        amounts.shrink_to_fit();
        self.at = at;
        self.properties = properties;
        self.amounts = amounts;
    }
}

#[cfg(test)]
mod tests {
    use super::super::events::{Events, KindEvents};

    #[test]
    fn events_read_out_of_order_seal_into_the_arrays_of_the_same_events_read_in_order() {
        // The first events of each kind have no amount and one property set, so the columns
        // as read gain amounts and properties part-way through.
        let mut rows: Vec<(&str, i64, u32, Option<f64>, &str)> = Vec::new();
        let mut state = 11u64;
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        for i in 0..3000u64 {
            let kind = ["下单", "登录", "打开邮件"][next(3) as usize];
            let amount = (i > 500 && next(2) == 0).then(|| next(100) as f64);
            let props = if i > 800 && next(4) == 0 {
                r#"{"p":"b"}"#
            } else {
                r#"{"p":"a"}"#
            };
            // Distinct times: events equal in customer, time and properties have no one order.
            let at = (next(50) * 10_000 + i) as i64;
            rows.push((kind, at, next(200) as u32, amount, props));
        }
        let mut in_order = rows.clone();
        in_order.sort_by_key(|(_, at, customer, _, props)| (*customer, *at, *props));
        let seal = |rows: &[(&str, i64, u32, Option<f64>, &str)]| {
            let mut ev = Events::default();
            for (kind, at, customer, amount, props) in rows {
                ev.push(kind, *at, *customer, *amount, props);
            }
            ev.seal();
            ev
        };
        let (read, ordered) = (seal(&rows), seal(&in_order));
        for (kind, k) in &ordered.kinds {
            let r = &read.kinds[kind];
            assert_eq!(r.customers, k.customers, "{kind}: customers");
            assert_eq!(r.starts, k.starts, "{kind}: runs");
            assert_eq!(r.at, k.at, "{kind}: times");
            assert_eq!(r.by_time, k.by_time, "{kind}: time order");
            assert_eq!(
                r.time_customers, k.time_customers,
                "{kind}: time order's customers"
            );
            assert_eq!(r.amounts, k.amounts, "{kind}: amounts");
            assert!(!k.amounts.is_empty(), "{kind}: some events have amounts");
            let sets = |ev: &Events, k: &KindEvents| -> Vec<Vec<(String, String)>> {
                (0..k.at.len())
                    .map(|i| ev.property_sets[k.properties_at(i) as usize].clone())
                    .collect()
            };
            assert_eq!(sets(&read, r), sets(&ordered, k), "{kind}: properties");
        }
        let uniform = seal(&[("登录", 5, 1, None, "{}"), ("登录", 3, 2, None, "{}")]);
        let k = &uniform.kinds["登录"];
        assert!(
            k.properties.is_empty() && k.amounts.is_empty(),
            "one property set and no amounts take no columns"
        );
    }
}
