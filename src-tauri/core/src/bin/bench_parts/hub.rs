//! The team hub's benchmark (issue 20): five laptops each push 10,000 operations through a hub
//! on a local PostgreSQL 15 and pull everyone else's; and how long a change takes from one
//! online laptop to another that waits for it (the window's live update).
//!
//! BENCH_ONLY=hub target/release/tagdesk-bench [--operations N] [--runs R]

use rusqlite::Connection;
use std::path::Path;
use std::time::{Duration, Instant};
use tagdesk_core::hub::members::{self, NewHubMember};
use tagdesk_core::hub::{self, local::link, local_server::LocalServer, HubAddress, HubRole};
use tagdesk_core::tagging::{self, TagSource, TagTarget};
use tagdesk_core::{clock, db, demo, operations};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

pub fn run(per_client: usize, runs: usize) -> Res<()> {
    let root = std::env::temp_dir().join(format!("tagdesk-hub-bench-{}", std::process::id()));
    let (pg, dir) = (root.join("pg"), root.join("laptops"));
    std::fs::create_dir_all(&dir)?;
    let server = LocalServer::start(&pg)?;
    let owner_address = server.make_team_database("team", "boss", "boss-secret")?;
    let mut laptops = vec![owner(&dir.join("owner.sqlite"), &owner_address)?];
    for login in ["li", "chen", "sun", "zhou"] {
        let address = member(&laptops[0], &owner_address, login, HubRole::Editor)?;
        let path = dir.join(format!("{login}.sqlite"));
        hub::join(&address, &path, login, clock::now())?;
        laptops.push(db::open(&path)?);
    }
    eprintln!("making {per_client} operations on each of 5 laptops …");
    for conn in laptops.iter_mut() {
        make_operations(conn, per_client)?;
    }
    let started = Instant::now();
    for conn in laptops.iter_mut() {
        hub::exchange(conn, clock::now())?;
    }
    let pushed = started.elapsed();
    let mut applied = 0;
    for conn in laptops.iter_mut() {
        applied += hub::exchange(conn, clock::now())?.applied;
    }
    let total = started.elapsed();
    let moved = 5 * per_client as i64 + applied;
    println!(
        "hub: 5 laptops × {per_client} operations: pushed (with the pulls between) in {:.2} s, \
         everyone's pulled and applied in {:.2} s more; total {:.2} s, {:.0} operations/s \
         ({applied} applied)",
        pushed.as_secs_f64(),
        (total - pushed).as_secs_f64(),
        total.as_secs_f64(),
        moved as f64 / total.as_secs_f64()
    );
    let mut seen = Vec::new();
    let mut applied_in = Vec::new();
    for _ in 0..runs {
        let (heard, shown) = one_change(&mut laptops)?;
        seen.push(heard);
        applied_in.push(shown);
    }
    println!(
        "hub: one change from one online laptop to another waiting for it: heard after {:.0} ms, \
         applied after {:.0} ms (medians of {runs})",
        super::team::ms(median(&mut seen)),
        super::team::ms(median(&mut applied_in))
    );
    drop(laptops);
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
    Ok(())
}

fn owner(path: &Path, address: &HubAddress) -> Res<Connection> {
    let mut conn = db::create(path)?;
    demo::generate(
        &mut conn,
        &demo::DemoSpec {
            customers: 2_000,
            ..demo::DemoSpec::small()
        },
    )?;
    hub::start(&mut conn, address, "华东销售", "王总", clock::now())?;
    Ok(conn)
}

/// Adds `login` to the hub as `role`; its address for joining.
pub fn member(
    owner: &Connection,
    address: &HubAddress,
    login: &str,
    role: HubRole,
) -> Res<HubAddress> {
    let password = format!("{login}-secret");
    members::add(
        owner,
        &NewHubMember {
            login: login.into(),
            password: password.clone(),
            person: login.into(),
            role,
            department: None,
        },
    )?;
    Ok(HubAddress {
        login: login.into(),
        password,
        ..address.clone()
    })
}

/// `n` hand tags, each its own operation: a tag given to or taken from one customer.
fn make_operations(conn: &mut Connection, n: usize) -> Res<()> {
    let customers: Vec<i64> = conn
        .prepare("SELECT id FROM customers ORDER BY random() LIMIT 500")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let tags: Vec<i64> = conn
        .prepare("SELECT id FROM tag_nodes WHERE kind = 'tag' AND parent_id IN (SELECT id FROM tag_nodes WHERE kind = 'group' AND select_mode = 'multi') LIMIT 20")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for i in 0..n {
        let target = TagTarget::Customers {
            ids: vec![customers[i % customers.len()]],
        };
        let tag = tags[(i / customers.len()) % tags.len()];
        if (i / (customers.len() * tags.len())).is_multiple_of(2) {
            tagging::add(conn, &target, tag, TagSource::Manual, "bench")?;
        } else {
            tagging::remove(conn, &target, tag, TagSource::Manual, "bench")?;
        }
    }
    Ok(())
}

/// Laptop 1 waits; laptop 0 tags one customer and exchanges. How long until laptop 1 heard it,
/// and until it had pulled and applied it.
fn one_change(laptops: &mut [Connection]) -> Res<(Duration, Duration)> {
    let waiting = link(&laptops[1])?.ok_or("not on a hub")?;
    let device = operations::device_id(&laptops[1])?;
    let waiter = std::thread::spawn(move || {
        let heard = hub::wait_for_push(&waiting, &device, Duration::from_secs(30));
        (heard, Instant::now())
    });
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    make_operations(&mut laptops[0], 1)?;
    hub::exchange(&mut laptops[0], clock::now())?;
    let (heard, at) = waiter.join().map_err(|_| "waiter panicked")?;
    if !heard? {
        return Err("the change was not heard".into());
    }
    hub::exchange(&mut laptops[1], clock::now())?;
    Ok((at - started, started.elapsed()))
}

pub fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}
