//! A PostgreSQL server of the system's own (Debian's postgresql-15) started in a folder on this
//! machine, for trying a hub, the tests and the benchmarks: initdb, a free port on 127.0.0.1,
//! stopped when dropped. PostgreSQL refuses to run as root, so as root it runs as the
//! `postgres` user (docs/HUB.md).

use super::address::HubAddress;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running server and its superuser.
pub struct LocalServer {
    bin: PathBuf,
    data: PathBuf,
    pub port: u16,
    superuser_password: String,
    as_postgres: bool,
}

impl LocalServer {
    /// Makes a new cluster in `dir` (which it owns from then on) and starts it.
    pub fn start(dir: &Path) -> Result<LocalServer> {
        let bin = bin_dir()?;
        let as_postgres = is_root();
        let data = dir.join("data");
        std::fs::create_dir_all(dir)?;
        let password = format!("{:032x}", rand::random::<u128>());
        let pwfile = dir.join("pw");
        std::fs::write(&pwfile, &password)?;
        if as_postgres {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir))?;
        }
        let server = LocalServer {
            bin,
            data,
            port: free_port()?,
            superuser_password: password,
            as_postgres,
        };
        server.pg(
            "initdb",
            &[
                "-D",
                &server.data.display().to_string(),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                &format!("--pwfile={}", pwfile.display()),
                "-E",
                "UTF8",
                "--no-locale",
            ],
        )?;
        let _ = std::fs::remove_file(&pwfile);
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories={}",
            server.port,
            dir.display()
        );
        server.pg(
            "pg_ctl",
            &[
                "-D",
                &server.data.display().to_string(),
                "-o",
                &options,
                "-l",
                &dir.join("server.log").display().to_string(),
                "-w",
                "start",
            ],
        )?;
        Ok(server)
    }

    /// The superuser's login to database `database`.
    pub fn superuser(&self, database: &str) -> HubAddress {
        HubAddress {
            host: "127.0.0.1".into(),
            port: self.port,
            database: database.into(),
            login: "postgres".into(),
            password: self.superuser_password.clone(),
        }
    }

    /// Makes a login that may set up a hub (create roles) and a database it owns, as a team's
    /// IT person would for the team's owner; returns the owner's address.
    pub fn make_team_database(
        &self,
        database: &str,
        owner: &str,
        password: &str,
    ) -> Result<HubAddress> {
        let mut client = self.superuser("postgres").connect()?;
        // Two statements: CREATE DATABASE cannot run in the transaction a batch would be.
        for sql in [
            format!("CREATE ROLE \"{owner}\" LOGIN CREATEROLE PASSWORD '{password}'"),
            format!("CREATE DATABASE \"{database}\" OWNER \"{owner}\""),
        ] {
            client
                .batch_execute(&sql)
                .map_err(|e| Error::Io(std::io::Error::other(format!("{sql}: {e}"))))?;
        }
        Ok(HubAddress {
            host: "127.0.0.1".into(),
            port: self.port,
            database: database.into(),
            login: owner.into(),
            password: password.into(),
        })
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Result<()> {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        run(cmd.args(args))
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let data = self.data.display().to_string();
        let _ = self.pg("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

/// Where the server's programs are: TAGDESK_PG_BIN, or Debian's place for PostgreSQL 15.
fn bin_dir() -> Result<PathBuf> {
    let dir = std::env::var_os("TAGDESK_PG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/postgresql/15/bin"));
    if dir.join("initdb").is_file() {
        Ok(dir)
    } else {
        Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "PostgreSQL 15 is not installed ({} has no initdb): apt-get install postgresql-15",
                dir.display()
            ),
        )))
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn run(cmd: &mut Command) -> Result<()> {
    let out = cmd.output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Error::Io(std::io::Error::other(format!(
            "{:?} failed: {}",
            cmd,
            String::from_utf8_lossy(&out.stderr)
        ))))
    }
}
