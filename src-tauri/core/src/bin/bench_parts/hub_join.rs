//! Joining from the team hub when the team's database is the whole dataset (issue 20 target:
//! 1,000,000 customers ≤ 60 s). The owner puts a copy of the dataset on a hub on a local
//! PostgreSQL 15 (timed once: the upload of the whole and the masked copy); then a colleague
//! who sees contacts (an editor) and one who does not (a viewer) join, `--runs` times each.
//! Timed is `hub::join` (download, unpack, write, open, the first exchange).
//!
//! BENCH_ONLY=hub-join target/release/tagdesk-bench [--customers N] [--runs R]

use std::path::Path;
use std::time::Instant;
use tagdesk_core::hub::{self, local_server::LocalServer, HubRole};
use tagdesk_core::{clock, db};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

pub fn run(dataset: &Path, runs: usize) -> Res<()> {
    let root = std::env::temp_dir().join(format!("tagdesk-hub-join-{}", std::process::id()));
    let laptops = root.join("laptops");
    std::fs::create_dir_all(&laptops)?;
    let server = LocalServer::start(&root.join("pg"))?;
    let address = server.make_team_database("team", "boss", "boss-secret")?;
    let owner_path = laptops.join("owner.sqlite");
    eprintln!("copying the dataset for the owner …");
    db::open(dataset)?.execute("VACUUM INTO ?1", [owner_path.display().to_string()])?;
    let mut owner = db::open(&owner_path)?;
    let started = Instant::now();
    hub::start(&mut owner, &address, "华东销售", "王总", clock::now())?;
    let upload = started.elapsed();
    println!(
        "hub join: the owner set up the hub and uploaded the whole and the masked copy in {:.1} s",
        upload.as_secs_f64()
    );
    for (login, role) in [("li", HubRole::Editor), ("sun", HubRole::Viewer)] {
        let colleague = super::hub::member(&owner, &address, login, role)?;
        let mut took = Vec::new();
        for run in 0..runs {
            let path = laptops.join(format!("{login}-{run}.sqlite"));
            let started = Instant::now();
            hub::join(&colleague, &path, login, clock::now())?;
            took.push(started.elapsed());
            db::remove_database(&path);
        }
        println!(
            "hub join: a colleague who {} joined in {:.1} s (median of {runs})",
            if role == HubRole::Viewer {
                "sees contacts masked (viewer)"
            } else {
                "sees contacts (editor)"
            },
            super::hub::median(&mut took).as_secs_f64()
        );
    }
    drop(owner);
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
    Ok(())
}
