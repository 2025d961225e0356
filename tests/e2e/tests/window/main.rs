//! The end-to-end tests, one module per journey or page, built as one test binary: each file
//! as its own binary linked the whole core and WebDriver client again (19 links, gigabytes of
//! target/ on CI). nextest still runs every test in a process of its own.

mod busy;
mod crash;
mod encryption;
mod events;
mod fields;
mod fit;
mod health;
mod history;
mod hub;
mod import;
mod keyboard;
mod languages;
mod languages_hub;
mod languages_team;
mod loading;
mod problems;
mod reimport;
mod rules;
mod segments;
mod skeleton;
mod tagging;
mod team;
mod team_dialogs;
mod team_inbox;
mod team_invitation;
mod team_packs;
mod team_setup;
mod team_week;
mod value;
