//! Every place that lists customer attributes lists exactly the table's: a row added to
//! [`ATTRIBUTES`] shows up in the list, the conditions, the import, the export and the search,
//! or one of these tests names the place that missed it.

use super::{CustomerInput, CustomerQuery, CustomerSort, CustomerSortField};
use crate::attributes::{entered, Attribute, ValueKind, ATTRIBUTES};
use crate::export::{self, ExportFormat, ExportScope, ExportSpec, Language, TagsLayout};
use crate::import::{suggest, ColumnTarget};
use crate::spreadsheet::{self, ReadOptions};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use ts_rs::TS;

/// The variants of a fieldless enum, read from its TypeScript union ("a" | "b").
fn variants<T: TS + DeserializeOwned>() -> Vec<(String, T)> {
    T::inline(&ts_rs::Config::new())
        .split('|')
        .map(|v| v.trim().trim_matches('"').to_string())
        .map(|name| {
            let value = serde_json::from_value(serde_json::Value::String(name.clone())).unwrap();
            (name, value)
        })
        .collect()
}

fn keys_of(value: impl serde::Serialize) -> BTreeSet<String> {
    match serde_json::to_value(value).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("an object, not {other}"),
    }
}

fn table_keys(filter: impl Fn(&crate::attributes::AttributeDef) -> bool) -> BTreeSet<String> {
    ATTRIBUTES
        .iter()
        .filter(|a| filter(a))
        .map(|a| a.key.to_string())
        .collect()
}

#[test]
fn keys_are_distinct_and_every_attribute_has_a_header_in_both_languages() {
    assert_eq!(table_keys(|_| true).len(), ATTRIBUTES.len());
    for a in ATTRIBUTES {
        for language in [Language::ZhCn, Language::En] {
            assert!(!a.label(language).is_empty(), "{} in {language:?}", a.key);
        }
        if a.kind == ValueKind::Choice {
            assert!(!a.options.is_empty(), "{} is a choice of nothing", a.key);
        }
    }
}

#[test]
fn every_attribute_and_sort_field_has_the_row_of_its_own_key() {
    for (name, attribute) in variants::<Attribute>() {
        assert_eq!(attribute.column(), name);
    }
    for (name, field) in variants::<CustomerSortField>() {
        assert_eq!(field.column(), name);
    }
    for a in ATTRIBUTES {
        if let Some(attribute) = a.attribute {
            assert_eq!(attribute.def().key, a.key);
        }
    }
}

#[test]
fn every_attribute_is_a_condition_field_of_its_kind() {
    let conn = crate::db::open_in_memory().unwrap();
    let fields = crate::conditions::fields::list(&conn).unwrap();
    for a in ATTRIBUTES {
        let field = fields
            .iter()
            .find(|f| f.key == a.key)
            .unwrap_or_else(|| panic!("{} is no condition field", a.key));
        assert_eq!(field.kind, a.kind, "{}", a.key);
        assert_eq!(field.options, a.options, "{}", a.key);
    }
}

#[test]
fn every_list_column_is_a_field_of_the_row_and_sorts_the_list() {
    let conn = crate::demo::starter_db();
    for name in ["乙", "甲"] {
        super::create(
            &conn,
            &CustomerInput {
                name: name.into(),
                ..Default::default()
            },
            "t",
        )
        .unwrap();
    }
    let row = super::list(
        &conn,
        &CustomerQuery {
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap()
    .items
    .remove(0);
    let row_keys: BTreeSet<String> = keys_of(&row)
        .into_iter()
        .filter(|k| !matches!(k.as_str(), "id" | "tags" | "custom"))
        .collect();
    assert_eq!(row_keys, table_keys(|a| a.sort.is_some()));
    for a in ATTRIBUTES {
        let Some(field) = a.sort else { continue };
        let page = super::list(
            &conn,
            &CustomerQuery {
                sort: Some(CustomerSort {
                    field,
                    descending: false,
                    custom_field_id: None,
                }),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(page.items.len(), 2, "sorting by {}", a.key);
    }
}

#[test]
fn the_profile_enters_exactly_the_entered_attributes_and_shows_them_all() {
    let input_keys: BTreeSet<String> = keys_of(CustomerInput::default())
        .into_iter()
        .filter(|k| k != "custom")
        .collect();
    assert_eq!(input_keys, table_keys(|a| a.attribute.is_some()));
    let conn = crate::db::open_in_memory().unwrap();
    let id = super::create(
        &conn,
        &CustomerInput {
            name: "甲".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let shown = keys_of(super::get(&conn, id).unwrap());
    for key in table_keys(|_| true) {
        assert!(shown.contains(&key), "the profile lacks {key}");
    }
}

#[test]
fn the_import_takes_every_header_and_synonym_of_an_attribute_as_it() {
    let mut seen = BTreeSet::new();
    for (attribute, def) in entered() {
        let want = ColumnTarget::Attribute { attribute };
        for header in def.labels.iter().chain(def.synonyms) {
            assert_eq!(suggest(header, &[], &[]), want, "{header}");
        }
        // The same word for two attributes would import into whichever comes first.
        for word in def.synonyms {
            assert!(seen.insert(*word), "{word} names two attributes");
        }
    }
}

#[test]
fn the_export_writes_every_attribute_under_its_header() {
    let conn = crate::db::open_in_memory().unwrap();
    super::create(
        &conn,
        &CustomerInput {
            name: "甲".into(),
            ..Default::default()
        },
        "t",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for language in [Language::ZhCn, Language::En] {
        let path = dir.path().join("out.csv");
        let mut columns = export::default_columns(&[]);
        columns.push(export::ExportColumn::UpdatedAt);
        export::export_customers(
            &conn,
            &ExportSpec {
                scope: ExportScope::Everyone,
                columns,
                format: ExportFormat::Csv,
                tags: TagsLayout::None,
                path: path.display().to_string(),
                language,
            },
        )
        .unwrap();
        let rows = spreadsheet::read(&path, &ReadOptions::default())
            .unwrap()
            .rows;
        let headers: Vec<String> = rows[0].iter().map(|c| c.text()).collect();
        let want: Vec<&str> = ATTRIBUTES.iter().map(|a| a.label(language)).collect();
        assert_eq!(headers, want, "{language:?}");
    }
}

#[test]
fn the_quick_search_finds_customers_by_exactly_the_searchable_attributes() {
    let conn = crate::db::open_in_memory().unwrap();
    for a in ATTRIBUTES
        .iter()
        .filter(|a| a.attribute.is_some() && a.kind == ValueKind::Text)
    {
        // A value valid for the attribute that no other customer's text contains.
        let value = match a.key {
            "phone" => "13900001234".to_string(),
            "email" => "zqxmark@example.com".to_string(),
            _ => format!("zqx{}mark", a.key.replace('_', "")),
        };
        let probe = if a.key == "phone" {
            "00001234".to_string()
        } else {
            value.clone()
        };
        let mut input = serde_json::json!({ "name": "甲" });
        input[a.key] = serde_json::Value::String(value);
        let input: CustomerInput = serde_json::from_value(input).unwrap();
        let id = super::create(&conn, &input, "t").unwrap();
        let found = super::list(
            &conn,
            &CustomerQuery {
                search: Some(probe),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .iter()
        .any(|c| c.id == id);
        assert_eq!(found, a.searchable, "searching by {}", a.key);
    }
}
