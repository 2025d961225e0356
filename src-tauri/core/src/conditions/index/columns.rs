//! Attribute columns held densely by customer id, so a comparison is one pass over an array.

use super::super::fields::fold;
use roaring::RoaringBitmap;
use std::collections::HashMap;

/// Text with few distinct values (city, level, choices …), dictionary-encoded with one
/// bitmap per value, so equality and membership are unions of ready bitmaps. Code 0 = empty.
#[derive(Default)]
pub struct TextColumn {
    pub(super) codes: Vec<u32>,
    pub(super) dict: Vec<String>,
    pub(super) lookup: HashMap<String, u32>,
    /// Codes by the value as stored, so a repeated value (most of them) skips folding.
    pub(super) raw: HashMap<Box<str>, u32>,
    pub(super) sets: Vec<RoaringBitmap>,
    /// Rank of each code in sorted order, computed when first sorted by; dropped on new values.
    pub(super) ranks: std::sync::OnceLock<Vec<u32>>,
}

impl TextColumn {
    pub fn new() -> Self {
        TextColumn {
            dict: vec![String::new()],
            sets: vec![RoaringBitmap::new()],
            ..Default::default()
        }
    }

    pub fn set(&mut self, id: u32, value: Option<&str>) {
        let code = match value.map(|v| self.raw.get(v).copied()) {
            Some(Some(code)) => code,
            _ => {
                let code = self.code_of(value);
                if let Some(v) = value {
                    self.raw.insert(v.into(), code);
                }
                code
            }
        };
        grow(&mut self.codes, id, 0);
        let old = std::mem::replace(&mut self.codes[id as usize], code);
        if old == code {
            return;
        }
        if old != 0 {
            self.sets[old as usize].remove(id);
        }
        if code != 0 {
            let set = &mut self.sets[code as usize];
            if set.try_push(id).is_err() {
                set.insert(id);
            }
        }
    }

    fn code_of(&mut self, value: Option<&str>) -> u32 {
        let folded = value.map(fold).unwrap_or_default();
        if folded.is_empty() {
            0
        } else if let Some(code) = self.lookup.get(&folded) {
            *code
        } else {
            let code = self.dict.len() as u32;
            self.dict.push(folded.clone());
            self.sets.push(RoaringBitmap::new());
            self.lookup.insert(folded, code);
            self.ranks = std::sync::OnceLock::new();
            code
        }
    }

    pub fn clear(&mut self, id: u32) {
        self.set(id, None);
    }

    /// Customers whose folded value passes `test` (never the empty value).
    pub fn matching(&self, universe: &RoaringBitmap, test: impl Fn(&str) -> bool) -> RoaringBitmap {
        let hits = self
            .dict
            .iter()
            .zip(&self.sets)
            .skip(1)
            .filter(|(v, _)| test(v))
            .fold(RoaringBitmap::new(), |acc, (_, set)| acc | set);
        hits & universe
    }

    /// Customers with no value.
    pub fn empty(&self, universe: &RoaringBitmap) -> RoaringBitmap {
        let valued = self
            .sets
            .iter()
            .skip(1)
            .fold(RoaringBitmap::new(), |acc, set| acc | set);
        universe - valued
    }

    /// A key that orders customers by this column (empty values last).
    pub fn sort_key(&self) -> impl Fn(u32) -> u64 + '_ {
        let ranks = self.ranks.get_or_init(|| {
            let mut order: Vec<u32> = (1..self.dict.len() as u32).collect();
            order.sort_by(|a, b| self.dict[*a as usize].cmp(&self.dict[*b as usize]));
            let mut ranks = vec![u32::MAX; self.dict.len()];
            for (rank, code) in order.into_iter().enumerate() {
                ranks[code as usize] = rank as u32;
            }
            ranks
        });
        move |id| {
            let code = self.codes.get(id as usize).copied().unwrap_or(0);
            match ranks[code as usize] {
                u32::MAX => u64::MAX,
                rank => rank as u64,
            }
        }
    }

    pub fn value(&self, id: u32) -> Option<&str> {
        match self.codes.get(id as usize).copied().unwrap_or(0) {
            0 => None,
            code => Some(&self.dict[code as usize]),
        }
    }
}

/// Text that is different for almost everyone (name, phone, email, notes …): folded values
/// packed into one buffer, 8 bytes per customer plus the text, scanned when compared.
#[derive(Default)]
pub struct FreeTextColumn {
    pub(super) bytes: String,
    pub(super) spans: Vec<(u32, u32)>,
}

impl FreeTextColumn {
    pub fn set(&mut self, id: u32, value: Option<&str>) {
        let folded = value.map(fold).unwrap_or_default();
        grow(&mut self.spans, id, (0, 0));
        // A changed value is appended; the old bytes stay until the next rebuild.
        let start = self.bytes.len() as u32;
        self.bytes.push_str(&folded);
        self.spans[id as usize] = (start, folded.len() as u32);
    }

    pub fn clear(&mut self, id: u32) {
        if let Some(span) = self.spans.get_mut(id as usize) {
            *span = (0, 0);
        }
    }

    pub fn value(&self, id: u32) -> Option<&str> {
        match self.spans.get(id as usize) {
            Some((start, len)) if *len > 0 => {
                Some(&self.bytes[*start as usize..(*start + *len) as usize])
            }
            _ => None,
        }
    }

    /// Customers whose folded value passes `test` (never the empty value).
    pub fn matching(&self, universe: &RoaringBitmap, test: impl Fn(&str) -> bool) -> RoaringBitmap {
        RoaringBitmap::from_sorted_iter(
            universe
                .iter()
                .filter(|id| self.value(*id).is_some_and(&test)),
        )
        .expect("a bitmap iterates in order")
    }

    pub fn empty(&self, universe: &RoaringBitmap) -> RoaringBitmap {
        RoaringBitmap::from_sorted_iter(universe.iter().filter(|id| self.value(*id).is_none()))
            .expect("a bitmap iterates in order")
    }
}

/// Numbers, dates (as days) and moments (as seconds); NaN means empty.
#[derive(Default)]
pub struct NumberColumn {
    pub(super) values: Vec<f64>,
}

impl NumberColumn {
    pub fn set(&mut self, id: u32, value: Option<f64>) {
        grow(&mut self.values, id, f64::NAN);
        self.values[id as usize] = value.unwrap_or(f64::NAN);
    }

    pub fn clear(&mut self, id: u32) {
        if let Some(v) = self.values.get_mut(id as usize) {
            *v = f64::NAN;
        }
    }

    pub fn get(&self, id: u32) -> Option<f64> {
        self.values
            .get(id as usize)
            .copied()
            .filter(|v| !v.is_nan())
    }

    /// Customers with a value that passes `test`.
    pub fn matching(&self, universe: &RoaringBitmap, test: impl Fn(f64) -> bool) -> RoaringBitmap {
        RoaringBitmap::from_sorted_iter(
            universe
                .iter()
                .filter(|id| self.get(*id).is_some_and(&test)),
        )
        .expect("a bitmap iterates in order")
    }

    pub fn empty(&self, universe: &RoaringBitmap) -> RoaringBitmap {
        RoaringBitmap::from_sorted_iter(universe.iter().filter(|id| self.get(*id).is_none()))
            .expect("a bitmap iterates in order")
    }

    /// A key that orders customers by this column (empty values last).
    pub fn sort_key(&self) -> impl Fn(u32) -> u64 + '_ {
        move |id| match self.get(id) {
            // Order-preserving map of f64 onto u64 (sign bit flipped, negatives inverted).
            Some(v) => {
                let bits = v.to_bits();
                if bits >> 63 == 1 {
                    !bits
                } else {
                    bits | (1 << 63)
                }
                .min(u64::MAX - 1)
            }
            None => u64::MAX,
        }
    }
}

/// Multi-choice values: one bitmap per folded choice.
#[derive(Default)]
pub struct MultiColumn {
    pub(super) choices: HashMap<String, RoaringBitmap>,
}

impl MultiColumn {
    pub fn add(&mut self, id: u32, choice: &str) {
        let folded = fold(choice);
        if !folded.is_empty() {
            self.choices.entry(folded).or_default().insert(id);
        }
    }

    pub fn clear(&mut self, ids: &RoaringBitmap) {
        for set in self.choices.values_mut() {
            *set -= ids;
        }
    }

    /// Customers holding a choice that passes `test`.
    pub fn matching(&self, test: impl Fn(&str) -> bool) -> RoaringBitmap {
        self.choices
            .iter()
            .filter(|(choice, _)| test(choice))
            .fold(RoaringBitmap::new(), |acc, (_, set)| acc | set)
    }

    pub fn holds(&self, id: u32) -> Vec<&str> {
        self.choices
            .iter()
            .filter(|(_, set)| set.contains(id))
            .map(|(c, _)| c.as_str())
            .collect()
    }
}

fn grow<T: Clone>(v: &mut Vec<T>, id: u32, fill: T) {
    if v.len() <= id as usize {
        v.resize(id as usize + 1, fill);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(n: u32) -> RoaringBitmap {
        (0..n).collect()
    }

    #[test]
    fn text_matches_folded_values_and_knows_the_empty_ones() {
        let mut c = TextColumn::new();
        c.set(1, Some("上海"));
        c.set(2, Some(" ＳＨ "));
        c.set(3, None);
        let sh = c.matching(&all(5), |v| v == "sh");
        assert_eq!(sh.iter().collect::<Vec<_>>(), vec![2]);
        assert_eq!(c.empty(&all(5)).iter().collect::<Vec<_>>(), vec![0, 3, 4]);
    }

    #[test]
    fn numbers_sort_negative_before_positive_and_empty_last() {
        let mut c = NumberColumn::default();
        c.set(0, Some(-2.5));
        c.set(1, Some(3.0));
        c.set(2, None);
        c.set(3, Some(-10.0));
        let key = c.sort_key();
        let mut ids = vec![0, 1, 2, 3];
        ids.sort_by_key(|id| key(*id));
        assert_eq!(ids, vec![3, 0, 1, 2]);
    }
}
