use super::*;
use std::collections::BTreeSet;

/// The codes of the generated TypeScript union, read from ts-rs's declaration of `Problem`:
/// the enum itself, so a new variant cannot be missed.
fn declared_codes() -> BTreeSet<String> {
    let decl = <Problem as TS>::decl(&ts_rs::Config::new());
    decl.split("\"code\": \"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_samples_hold_one_problem_of_every_code() {
    let codes: Vec<String> = samples::all().iter().map(Problem::code).collect();
    let unique: BTreeSet<String> = codes.iter().cloned().collect();
    assert_eq!(unique.len(), codes.len(), "a code is sampled twice");
    assert_eq!(unique, declared_codes());
}

#[test]
fn every_problem_is_worded_in_both_languages() {
    for p in samples::all() {
        let zh = p.word(Language::ZhCn);
        let en = p.word(Language::En);
        assert!(!en.trim().is_empty(), "{}: empty English", p.code());
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}: no Chinese in “{zh}”",
            p.code()
        );
        assert_ne!(zh, en, "{}", p.code());
    }
}

#[test]
fn counts_in_wordings_carry_thousands_separators() {
    let p = Problem::TagInUse {
        name: "高活跃".into(),
        customers: 12_345,
    };
    assert!(p.word(Language::En).contains("12,345"), "{p}");
    assert!(p.word(Language::ZhCn).contains("12,345"));
}

#[test]
fn a_problem_crosses_ipc_as_its_code_and_parameters() {
    let p = Problem::PhoneInvalid {
        value: "12345".into(),
    };
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        serde_json::json!({ "code": "phone_invalid", "value": "12345" })
    );
}
