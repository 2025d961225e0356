use crate::*;
use tagdesk_core::customers::{list, CustomerQuery};

fn names(conn: &rusqlite::Connection, search: &str) -> Vec<String> {
    let page = list(
        conn,
        &CustomerQuery {
            search: Some(search.into()),
            limit: 50,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        page.total as usize,
        page.items.len(),
        "small fixture fits one page"
    );
    let mut n: Vec<String> = page.items.into_iter().map(|c| c.name).collect();
    n.sort();
    n
}

fn fixture() -> rusqlite::Connection {
    let conn = empty_db();
    add_customer(
        &conn,
        "王伟",
        Some("13812345678"),
        Some("杭州云图科技有限公司"),
    );
    add_customer(&conn, "王芳", Some("13900001111"), None);
    add_customer(
        &conn,
        "李王强",
        Some("+86 137 0000 5678"),
        Some("Acme Trading"),
    );
    add_customer(
        &conn,
        "张敏",
        Some("15055556666"),
        Some("上海星河贸易有限公司"),
    );
    conn
}

#[test]
fn one_chinese_character_finds_every_name_containing_it() {
    assert_eq!(names(&fixture(), "王"), ["李王强", "王伟", "王芳"]);
}

#[test]
fn two_chinese_characters_match_as_a_phrase() {
    let conn = fixture();
    assert_eq!(names(&conn, "王伟"), ["王伟"]);
    assert_eq!(names(&conn, "星河"), ["张敏"], "company fragments count");
    assert!(names(&conn, "伟王").is_empty(), "order matters");
}

#[test]
fn phone_fragments_and_last_four_digits_find_the_customer() {
    let conn = fixture();
    assert_eq!(names(&conn, "5678"), ["李王强", "王伟"]);
    assert_eq!(
        names(&conn, "1370000"),
        ["李王强"],
        "the +86 and spaces were normalised away"
    );
}

#[test]
fn latin_search_ignores_case_and_full_width() {
    let conn = fixture();
    assert_eq!(names(&conn, "acme"), ["李王强"]);
    assert_eq!(names(&conn, "ＡＣＭＥ"), ["李王强"]);
}

#[test]
fn edits_and_deletes_keep_the_index_current() {
    let mut conn = fixture();
    let id = add_customer(&conn, "赵云", None, None);
    assert_eq!(names(&conn, "赵"), ["赵云"]);
    let mut input = tagdesk_core::customers::get(&conn, id).unwrap().input;
    input.name = "赵子龙".into();
    tagdesk_core::customers::update(&conn, id, &input, "t").unwrap();
    assert_eq!(names(&conn, "子龙"), ["赵子龙"]);
    tagdesk_core::customers::soft_delete(&mut conn, &[id], "t").unwrap();
    assert!(
        names(&conn, "赵").is_empty(),
        "deleted customers are not found"
    );
}

#[test]
fn search_text_with_fts_syntax_is_just_text() {
    let conn = fixture();
    for hostile in [
        "\"",
        "王\" OR \"张",
        "NEAR(王 张)",
        "*",
        "'; DROP TABLE customers; --",
        "^王",
    ] {
        let _ = names(&conn, hostile);
    }
    assert_eq!(names(&conn, "王").len(), 3, "the table is intact");
}
