//! Scoring recency, frequency and money 1–5 and mapping the three to the eight classes.
//! Pure functions, so the arithmetic is tested without a database.

use super::{RfmClass, RfmThresholds};
use crate::problem::Problem;

/// Quantile scores 1–5 (quintiles) for `values`. A value's score is
/// `1 + floor(5 · worse / n)`, `worse` being how many values are strictly worse, so ties share
/// a score, the worst value always scores 1, and all-equal values all score 1 (no one stands
/// out). With `lower_is_better` (recency in days) fewer is better.
pub fn quantile_scores(values: &[f64], lower_is_better: bool) -> Vec<u8> {
    let n = values.len();
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    values
        .iter()
        .map(|v| {
            let worse = if lower_is_better {
                n - sorted.partition_point(|x| x <= v)
            } else {
                sorted.partition_point(|x| x < v)
            };
            (1 + (5 * worse) / n).min(5) as u8
        })
        .collect()
}

/// Scores 1–5 by hand-set cut points: one point per threshold reached (at least the cut for
/// frequency and money, at most the cut in days for recency).
pub fn threshold_score(value: f64, cuts: &[f64; 4], lower_is_better: bool) -> u8 {
    1 + cuts
        .iter()
        .filter(|c| {
            if lower_is_better {
                value <= **c
            } else {
                value >= **c
            }
        })
        .count() as u8
}

/// Checks that each list of cut points rises (recency: in days, frequency, money).
pub fn check_thresholds(t: &RfmThresholds) -> Result<(), Problem> {
    for cuts in [&t.recency_days, &t.frequency, &t.monetary] {
        if cuts.iter().any(|c| !c.is_finite() || *c < 0.0) {
            return Err(Problem::ThresholdsNegative);
        }
        if cuts.windows(2).any(|w| w[0] > w[1]) {
            return Err(Problem::ThresholdsNotRising);
        }
    }
    Ok(())
}

/// The class of a customer from whether R, F and M are high ("R high" = bought recently).
pub fn class(r_high: bool, f_high: bool, m_high: bool) -> RfmClass {
    use RfmClass::*;
    match (r_high, f_high, m_high) {
        (true, true, true) => ImportantValue,
        (true, false, true) => ImportantDevelop,
        (false, true, true) => ImportantKeep,
        (false, false, true) => ImportantRetain,
        (true, true, false) => GeneralValue,
        (true, false, false) => GeneralDevelop,
        (false, true, false) => GeneralKeep,
        (false, false, false) => GeneralRetain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RfmClass::*;

    #[test]
    fn the_eight_classes_follow_the_classic_table() {
        let table = [
            ((true, true, true), ImportantValue, "重要价值"),
            ((true, false, true), ImportantDevelop, "重要发展"),
            ((false, true, true), ImportantKeep, "重要保持"),
            ((false, false, true), ImportantRetain, "重要挽留"),
            ((true, true, false), GeneralValue, "一般价值"),
            ((true, false, false), GeneralDevelop, "一般发展"),
            ((false, true, false), GeneralKeep, "一般保持"),
            ((false, false, false), GeneralRetain, "一般挽留"),
        ];
        for ((r, f, m), want, name) in table {
            assert_eq!(class(r, f, m), want);
            assert_eq!(want.name(), name);
        }
        assert_eq!(RfmClass::ALL.len(), 8);
    }

    #[test]
    fn quintiles_split_distinct_values_evenly() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quantile_scores(&v, false), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quantile_scores(&v, true), [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    }

    #[test]
    fn ties_share_a_score_and_all_equal_values_score_one() {
        assert_eq!(
            quantile_scores(&[1.0, 1.0, 1.0, 2.0, 3.0], false),
            [1, 1, 1, 4, 5]
        );
        assert_eq!(quantile_scores(&[7.0; 6], false), [1; 6]);
        assert_eq!(quantile_scores(&[7.0; 6], true), [1; 6]);
    }

    #[test]
    fn fewer_than_five_customers_still_score_between_one_and_five() {
        assert_eq!(quantile_scores(&[], false), Vec::<u8>::new());
        assert_eq!(quantile_scores(&[3.0], false), [1]);
        assert_eq!(quantile_scores(&[3.0, 9.0], false), [1, 3]);
        assert_eq!(quantile_scores(&[3.0, 9.0, 4.0], true), [4, 1, 2]);
    }

    #[test]
    fn thresholds_give_a_point_per_cut_reached() {
        let cuts = [1.0, 2.0, 5.0, 10.0];
        assert_eq!(threshold_score(0.0, &cuts, false), 1);
        assert_eq!(threshold_score(2.0, &cuts, false), 3);
        assert_eq!(threshold_score(99.0, &cuts, false), 5);
        let days = [7.0, 30.0, 90.0, 180.0];
        assert_eq!(threshold_score(3.0, &days, true), 5);
        assert_eq!(threshold_score(30.0, &days, true), 4);
        assert_eq!(threshold_score(400.0, &days, true), 1);
    }
}
