//! Attribute columns held densely by customer id, so a comparison is one pass over an array.

use super::super::fields::fold;
use roaring::RoaringBitmap;
use std::collections::HashMap;

/// Folded text, dictionary-encoded: code 0 means empty.
#[derive(Default)]
pub struct TextColumn {
    codes: Vec<u32>,
    dict: Vec<String>,
    lookup: HashMap<String, u32>,
    /// Rank of each code in sorted order, computed when first sorted by; dropped on new values.
    ranks: std::sync::OnceLock<Vec<u32>>,
}

impl TextColumn {
    pub fn new() -> Self {
        TextColumn {
            dict: vec![String::new()],
            ..Default::default()
        }
    }

    pub fn set(&mut self, id: u32, value: Option<&str>) {
        let folded = value.map(fold).unwrap_or_default();
        let code = if folded.is_empty() {
            0
        } else if let Some(code) = self.lookup.get(&folded) {
            *code
        } else {
            let code = self.dict.len() as u32;
            self.dict.push(folded.clone());
            self.lookup.insert(folded, code);
            self.ranks = std::sync::OnceLock::new();
            code
        };
        grow(&mut self.codes, id, 0);
        self.codes[id as usize] = code;
    }

    pub fn clear(&mut self, id: u32) {
        if let Some(c) = self.codes.get_mut(id as usize) {
            *c = 0;
        }
    }

    /// Customers whose folded value passes `test` (never the empty value).
    pub fn matching(&self, universe: &RoaringBitmap, test: impl Fn(&str) -> bool) -> RoaringBitmap {
        let hits: Vec<bool> = self
            .dict
            .iter()
            .enumerate()
            .map(|(code, v)| code != 0 && test(v))
            .collect();
        self.select(universe, |code| hits[code as usize])
    }

    /// Customers with no value.
    pub fn empty(&self, universe: &RoaringBitmap) -> RoaringBitmap {
        self.select(universe, |code| code == 0)
    }

    fn select(&self, universe: &RoaringBitmap, keep: impl Fn(u32) -> bool) -> RoaringBitmap {
        universe
            .iter()
            .filter(|id| keep(self.codes.get(*id as usize).copied().unwrap_or(0)))
            .collect()
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

/// Numbers, dates (as days) and moments (as seconds); NaN means empty.
#[derive(Default)]
pub struct NumberColumn {
    values: Vec<f64>,
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
        universe
            .iter()
            .filter(|id| self.get(*id).is_some_and(&test))
            .collect()
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
    choices: HashMap<String, RoaringBitmap>,
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
