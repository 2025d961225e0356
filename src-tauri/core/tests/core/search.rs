use crate::*;
use tagdesk_core::customers::search::{self, Query};
use tagdesk_core::customers::{count, list, CustomerQuery};
use tagdesk_core::ErrorCode;

/// The list's first page of 50 for `search`.
fn first_page(
    conn: &rusqlite::Connection,
    search: &str,
) -> tagdesk_core::customers::Page<tagdesk_core::customers::CustomerRow> {
    list(
        conn,
        &CustomerQuery {
            search: Some(search.into()),
            limit: 50,
            ..Default::default()
        },
    )
    .unwrap()
}

fn names(conn: &rusqlite::Connection, search: &str) -> Vec<String> {
    let page = first_page(conn, search);
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
        // Each either filters or is refused (no letter or digit); none may fail otherwise.
        match list(
            &conn,
            &CustomerQuery {
                search: Some(hostile.into()),
                limit: 50,
                ..Default::default()
            },
        ) {
            Ok(_) => {}
            Err(e) => assert_eq!(e.code(), ErrorCode::SearchWithoutLetters, "{hostile}: {e}"),
        }
    }
    assert_eq!(names(&conn, "王").len(), 3, "the table is intact");
}

/// Customers the index finds for `fragment`, and those its fields matcher finds.
fn both_ways(conn: &rusqlite::Connection, fragment: &str) -> (Vec<i64>, Vec<i64>) {
    let Some(query) = Query::parse(fragment) else {
        return (vec![], vec![]);
    };
    let (table, text) = query.fts();
    let ids = |sql: &str, arg: &str| -> Vec<i64> {
        let mut stmt = conn.prepare(sql).unwrap();
        let mut ids: Vec<i64> = stmt
            .query_map([arg], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        ids.sort();
        ids
    };
    (
        ids(
            &format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1"),
            &text,
        ),
        ids(
            "SELECT id FROM customers WHERE search_matches(?1, name, phone, email, company)",
            fragment,
        ),
    )
}

#[test]
fn the_fields_matcher_finds_exactly_what_the_indexes_find() {
    let conn = demo_db(300);
    let mut fragments: Vec<String> = [
        "13",
        "qq",
        "com",
        "@",
        ".c",
        "x",
        "a",
        "王",
        "ＶＩＰ",
        "有限公司",
    ]
    .map(String::from)
    .to_vec();
    let mut stmt = conn
        .prepare(
            "SELECT name, phone, ifnull(email, ''), ifnull(company, '') FROM customers LIMIT 40",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok([r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
        })
        .unwrap();
    for fields in rows.map(Result::unwrap) {
        for field in fields.iter().filter(|f| !f.is_empty()) {
            let chars: Vec<char> = field.chars().collect();
            for len in 1..=4.min(chars.len()) {
                fragments.push(chars[..len].iter().collect());
                fragments.push(chars[chars.len() - len..].iter().collect());
            }
        }
    }
    let mut found = 0;
    for fragment in &fragments {
        let (index, fields) = both_ways(&conn, fragment);
        assert_eq!(index, fields, "“{fragment}”");
        found += index.len();
    }
    assert!(found > 1000, "the fragments find customers ({found})");
}

/// A customers CSV of `n` rows named 会员1…, with phones 1390000…
fn members_csv(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let path = dir.join("members.csv");
    let mut text = String::from("姓名,手机,邮箱\n");
    for i in 1..=n {
        text.push_str(&format!("会员{i},139{i:08},m{i}@shop.cn\n"));
    }
    text.push_str("欧阳娜娜,13711112222,nana@shop.cn\n");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_large_import_is_searchable_before_and_after_its_entries_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::create(&dir.path().join("t.sqlite")).unwrap();
    add_customer(&conn, "王会员", Some("13800000000"), None);
    let path = members_csv(dir.path(), search::DEFER_FROM);
    import_customers(&mut conn, &path).unwrap();
    let first_new = 2;
    assert_eq!(search::backlog_start(&conn).unwrap(), Some(first_new));
    assert_eq!(
        indexed(&conn),
        1,
        "the new customers' entries were left to the catch-up"
    );

    assert_eq!(names(&conn, "欧阳"), ["欧阳娜娜"]);
    assert_eq!(total(&conn, "会员"), (search::DEFER_FROM as i64 + 1, true));

    // An edit while the entries wait: the catch-up writes them from the row as it is then.
    let nana = conn
        .query_row(
            "SELECT id FROM customers WHERE name = '欧阳娜娜'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut input = tagdesk_core::customers::get(&conn, nana).unwrap().input;
    input.name = "欧阳菲菲".into();
    tagdesk_core::customers::update(&conn, nana, &input, "t").unwrap();
    assert_eq!(names(&conn, "欧阳"), ["欧阳菲菲"]);
    assert!(names(&conn, "娜娜").is_empty());

    let fragments = [
        "会员",
        "欧阳",
        "菲",
        "13711",
        "1390000012",
        "m42@",
        "shop.cn",
        "王",
    ];
    let before: Vec<(i64, bool)> = fragments.iter().map(|f| total(&conn, f)).collect();
    let mut steps = 0;
    while search::catch_up(&mut conn, 2_000).unwrap() {
        steps += 1;
    }
    assert_eq!(steps, 2, "5,002 customers from the mark, 2,000 at a time");
    assert_eq!(search::backlog_start(&conn).unwrap(), None);
    assert_eq!(
        indexed(&conn),
        2 + search::DEFER_FROM as i64,
        "one entry each, none twice"
    );
    let after: Vec<(i64, bool)> = fragments.iter().map(|f| total(&conn, f)).collect();
    assert_eq!(before, after);
    assert_eq!(names(&conn, "欧阳"), ["欧阳菲菲"]);
    assert!(names(&conn, "娜娜").is_empty());
}

#[test]
fn an_open_database_writes_the_entries_an_import_left_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.sqlite");
    let mut conn = db::create(&file).unwrap();
    let path = members_csv(dir.path(), search::DEFER_FROM);
    import_customers(&mut conn, &path).unwrap();
    // As after a crash: the mark is all that is left of the work.
    drop(conn);
    let conn = db::open(&file).unwrap();
    assert!(search::backlog_start(&conn).unwrap().is_some());
    let checked = db::IntegrityCheck::start(file.clone());
    let _catch_up = search::catch_up_worker(file.clone(), Default::default(), checked);
    let started = std::time::Instant::now();
    while search::backlog_start(&conn).unwrap().is_some() {
        assert!(started.elapsed().as_secs() < 30, "the catch-up finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(indexed(&conn), search::DEFER_FROM as i64 + 1);
}

#[test]
fn the_catch_up_writes_nothing_into_a_file_whose_check_has_not_finished() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.sqlite");
    let mut conn = db::create(&file).unwrap();
    let path = members_csv(dir.path(), search::DEFER_FROM);
    import_customers(&mut conn, &path).unwrap();
    drop(conn);
    let conn = db::open(&file).unwrap();
    let before = indexed(&conn);
    // Never started: as a large file's check still under way.
    let checking = db::IntegrityCheck::default();
    let catch_up = search::catch_up_worker(file.clone(), Default::default(), checking);
    catch_up.nudge();
    std::thread::sleep(std::time::Duration::from_secs(3));
    drop(catch_up);
    assert!(
        search::backlog_start(&conn).unwrap().is_some(),
        "nothing was written"
    );
    assert_eq!(indexed(&conn), before);
}

/// Customers with search entries.
fn indexed(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM customer_search_docsize", [], |r| {
        r.get(0)
    })
    .unwrap()
}

fn total(conn: &rusqlite::Connection, search: &str) -> (i64, bool) {
    let page = first_page(conn, search);
    (page.total, page.total_exact)
}

#[test]
fn a_search_without_letters_or_digits_is_refused_rather_than_matching_everyone() {
    let conn = fixture();
    for unsearchable in ["%", "-", "%%%", "😀", "。，"] {
        let query = CustomerQuery {
            search: Some(unsearchable.into()),
            limit: 50,
            ..Default::default()
        };
        let listed = list(&conn, &query).map(|page| page.total);
        assert_eq!(
            listed.map_err(|e| e.code()),
            Err(ErrorCode::SearchWithoutLetters),
            "{unsearchable:?} listed"
        );
        assert_eq!(
            count(&conn, &query).map_err(|e| e.code()),
            Err(ErrorCode::SearchWithoutLetters),
            "{unsearchable:?} counted"
        );
    }
    assert_eq!(names(&conn, "  ").len(), 4, "a blank search is no search");
}

#[test]
fn exact_search_count_leaves_out_deleted_customers_that_match_and_counts_restored_ones() {
    let mut conn = fixture();
    let zhao = add_customer(&conn, "赵王", Some("13811110000"), Some("云图科技有限公司"));
    let other = add_customer(&conn, "钱多多", None, Some("星河科技有限公司"));
    let query = |fragment: &str| CustomerQuery {
        search: Some(fragment.into()),
        ..Default::default()
    };
    // The list's own total is the join of index and rows: the reference the count must equal.
    let reference = |conn: &rusqlite::Connection, fragment: &str| first_page(conn, fragment).total;
    tagdesk_core::customers::soft_delete(&mut conn, &[zhao, other], "t").unwrap();
    for fragment in ["王", "科技有限", "138", "云图", "钱"] {
        assert_eq!(
            count(&conn, &query(fragment)).unwrap(),
            reference(&conn, fragment),
            "{fragment}: the deleted customers that match are not counted"
        );
    }
    assert_eq!(count(&conn, &query("科技有限")).unwrap(), 1);
    tagdesk_core::customers::restore(&mut conn, &[zhao], "t").unwrap();
    assert_eq!(
        count(&conn, &query("科技有限")).unwrap(),
        2,
        "a restored customer counts again"
    );
    assert_eq!(count(&conn, &query("王")).unwrap(), reference(&conn, "王"));
}
