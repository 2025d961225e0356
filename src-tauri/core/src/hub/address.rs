//! Where the team's hub is and how this laptop logs in to it, and the connection: TLS when the
//! server offers it (as libpq's "prefer"), plain otherwise; every failure a problem code, never
//! the server's or the driver's sentence.

use crate::error::{Error, Result};
use crate::problem::Problem;
use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use postgres::config::SslMode;
use postgres::Client;
use postgres_openssl::MakeTlsConnector;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;

/// A hub: a PostgreSQL database the team runs, and this person's login to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "HubAddress.ts")]
pub struct HubAddress {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub login: String,
    pub password: String,
}

/// How long a connection attempt waits: a hub that does not answer in this time is reported as
/// unreachable and the laptop goes on offline.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

impl HubAddress {
    /// Opens a connection to the hub.
    pub fn connect(&self) -> Result<Client> {
        let mut config = postgres::Config::new();
        config
            .host(&self.host)
            .port(self.port)
            .dbname(&self.database)
            .user(&self.login)
            .password(&self.password)
            .application_name("TagDesk")
            .connect_timeout(CONNECT_TIMEOUT)
            .ssl_mode(SslMode::Prefer);
        config.connect(tls()?).map_err(|e| self.connect_error(&e))
    }

    fn connect_error(&self, e: &postgres::Error) -> Error {
        let problem = match e.code().map(|c| c.code()) {
            // invalid_password, invalid_authorization_specification
            Some("28P01") | Some("28000") => Problem::HubLoginFailed {
                login: self.login.clone(),
            },
            // invalid_catalog_name: no such database
            Some("3D000") => Problem::HubNoDatabase {
                database: self.database.clone(),
            },
            _ => Problem::HubUnreachable {
                host: self.host.clone(),
                port: i64::from(self.port),
            },
        };
        Error::invalid("hub", problem)
    }
}

/// TLS as libpq's sslmode=prefer: used when the server offers it, without checking the
/// certificate (a team's own server rarely has one a public authority signed).
fn tls() -> Result<MakeTlsConnector> {
    let mut builder = SslConnector::builder(SslMethod::tls()).map_err(|_| tls_unavailable())?;
    builder.set_verify(SslVerifyMode::NONE);
    Ok(MakeTlsConnector::new(builder.build()))
}

fn tls_unavailable() -> Error {
    Error::invalid("hub", Problem::HubFailed)
}

/// A failure of a call to the hub, as a problem: the hub's own refusals by their codes (the
/// functions raise them as TD…), a lost connection as unreachable, anything else as a failure
/// of the hub whose details go to the log only.
pub(crate) fn call_error(e: postgres::Error) -> Error {
    let code = e.code().map(|c| c.code().to_string());
    let problem = match code.as_deref() {
        Some("TD001") => Problem::HubNotMember,
        Some("TD002") | Some("TD003") => Problem::HubNeedsAdmin,
        Some("TD005") => Problem::HubOneOwner,
        // insufficient_privilege: the function exists but this login may not run it.
        Some("42501") => Problem::HubNotMember,
        // undefined_function / undefined_table / invalid_schema_name: no hub in this database.
        Some("42883") | Some("42P01") | Some("3F000") => Problem::HubNotSetUp,
        _ if e.is_closed() || code.is_none() => Problem::HubConnectionLost,
        _ => {
            match e.as_db_error() {
                Some(db) => eprintln!(
                    "team hub: {} ({}) {:?}",
                    db.message(),
                    db.code().code(),
                    db.where_()
                ),
                None => eprintln!("team hub: {e}"),
            }
            Problem::HubFailed
        }
    };
    Error::invalid("hub", problem)
}
