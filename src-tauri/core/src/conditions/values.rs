//! Condition values arrive as text (as typed in the builder); these parse them by the field's
//! kind, with messages that say which value is wrong and why.

use super::ast::FieldOp;
use super::fields::{fold, parse_day, ValueKind};
use crate::error::{Error, Result};
use crate::problem::{Problem, ValueNeed};

/// A comparison made ready for one kind of column.
pub enum Operand {
    Texts(Vec<String>),
    Numbers(Vec<f64>),
    Days(i64),
    None,
}

/// Checks the number and form of `values` for `op` on a field of `kind` and parses them.
/// `at` names the condition in messages (e.g. "条件 2.1").
pub fn operand(
    at: &str,
    field: &str,
    kind: ValueKind,
    op: FieldOp,
    values: &[String],
) -> Result<Operand> {
    use FieldOp::*;
    let given: Vec<&String> = values.iter().filter(|v| !v.trim().is_empty()).collect();
    let count_ok = match op {
        IsEmpty | IsNotEmpty => true,
        Between => given.len() == 2,
        In | NotIn => !given.is_empty(),
        _ => given.len() == 1,
    };
    if !count_ok {
        let need = match op {
            Between => ValueNeed::Two,
            In | NotIn => ValueNeed::AtLeastOne,
            _ => ValueNeed::One,
        };
        return Err(Error::invalid(
            at,
            Problem::ValueCount {
                field: field.to_string(),
                op,
                need,
                given: given.len() as u32,
            },
        ));
    }
    let unsupported = || {
        Err(Error::invalid(
            at,
            Problem::OperatorNotForKind {
                field: field.to_string(),
                op,
                kind,
            },
        ))
    };
    match op {
        IsEmpty | IsNotEmpty => return Ok(Operand::None),
        WithinLastDays | BeforeDaysAgo => {
            if !matches!(kind, ValueKind::Date | ValueKind::Timestamp) {
                return unsupported();
            }
            let days = given[0].trim().parse::<i64>().ok().filter(|d| *d >= 0);
            return days.map(Operand::Days).ok_or_else(|| {
                Error::invalid(
                    at,
                    Problem::DaysInvalid {
                        value: given[0].to_string(),
                    },
                )
            });
        }
        _ => {}
    }
    match kind {
        ValueKind::Text | ValueKind::Choice | ValueKind::MultiChoice => {
            if matches!(op, Lt | Le | Gt | Ge | Between) {
                return unsupported();
            }
            Ok(Operand::Texts(
                values
                    .iter()
                    .map(|v| fold(v))
                    .filter(|v| !v.is_empty())
                    .collect(),
            ))
        }
        ValueKind::Number | ValueKind::Date | ValueKind::Timestamp => {
            if matches!(op, Contains | StartsWith) {
                return unsupported();
            }
            let parse = |v: &String| -> Result<f64> {
                let parsed = if kind == ValueKind::Number {
                    v.trim().parse::<f64>().ok().filter(|x| x.is_finite())
                } else {
                    parse_day(v).map(|d| d as f64)
                };
                parsed.ok_or_else(|| {
                    Error::invalid(
                        at,
                        Problem::ValueInvalidFor {
                            field: field.to_string(),
                            value: v.to_string(),
                            kind,
                        },
                    )
                })
            };
            let numbers = given.into_iter().map(parse).collect::<Result<Vec<f64>>>()?;
            Ok(Operand::Numbers(numbers))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_number_field_rejects_text_naming_the_value() {
        let err = operand(
            "1",
            "消费",
            ValueKind::Number,
            FieldOp::Gt,
            &values(&["abc"]),
        )
        .err()
        .unwrap();
        assert!(err.to_string().contains("“abc” is not a number"), "{err}");
    }

    #[test]
    fn between_needs_two_values() {
        assert!(operand(
            "1",
            "消费",
            ValueKind::Number,
            FieldOp::Between,
            &values(&["1"])
        )
        .is_err());
        assert!(operand(
            "1",
            "消费",
            ValueKind::Number,
            FieldOp::Between,
            &values(&["1", "9"])
        )
        .is_ok());
    }

    #[test]
    fn ordering_does_not_apply_to_text() {
        assert!(operand("1", "city", ValueKind::Text, FieldOp::Lt, &values(&["a"])).is_err());
    }

    #[test]
    fn relative_windows_apply_only_to_dates() {
        assert!(operand(
            "1",
            "city",
            ValueKind::Text,
            FieldOp::WithinLastDays,
            &values(&["3"])
        )
        .is_err());
        assert!(matches!(
            operand(
                "1",
                "birthday",
                ValueKind::Date,
                FieldOp::WithinLastDays,
                &values(&["30"])
            )
            .unwrap(),
            Operand::Days(30)
        ));
    }
}
