//! The TypeScript side of the contract: from the command list (`tagdesk_commands!`) the types
//! the commands mention and one typed `invoke` wrapper per command, written into ui/src/lib/ipc.

use super::names::*;
use crate::error::IpcError;
use std::collections::BTreeSet;
use std::fmt::Write;
use ts_rs::{Config, TypeVisitor, TS};

/// One command of the contract, as data.
pub struct Command {
    pub name: &'static str,
    pub doc: &'static str,
    /// (argument name in camelCase as Tauri expects it, TypeScript type)
    pub args: Vec<(String, String)>,
    pub returns: String,
}

/// Expands the command list into `commands` and `export_types`; how the shell runs each
/// command is the shell's business and ignored here.
macro_rules! contract {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty = $mode:ident $(( $($run:tt)* ))?;
    )*) => {
        /// The commands, in declaration order.
        pub fn commands(cfg: &Config) -> Vec<Command> {
            vec![$(Command {
                name: stringify!($name),
                doc: concat!($($doc, "\n"),*),
                args: vec![$((camel(stringify!($arg)), <$ty as TS>::name(cfg))),*],
                returns: <$ret as TS>::name(cfg),
            }),*]
        }

        /// Writes every type the commands mention (and their dependencies) into `cfg`'s folder;
        /// returns the names of the exported types.
        pub fn export_types(cfg: &Config) -> Result<BTreeSet<String>, ts_rs::ExportError> {
            let mut v = Exporter { cfg, names: BTreeSet::new(), walked: BTreeSet::new(), error: None };
            $( $( v.visit::<$ty>(); )* v.visit::<$ret>(); )*
            v.visit::<IpcError>();
            match v.error { Some(e) => Err(e), None => Ok(v.names) }
        }
    };
}

crate::tagdesk_commands!(contract);

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

struct Exporter<'a> {
    cfg: &'a Config,
    names: BTreeSet<String>,
    /// Wrapper types (Vec, Box, Option …) already walked: a recursive type such as the
    /// condition tree would otherwise walk its `Box<Self>` forever.
    walked: BTreeSet<&'static str>,
    error: Option<ts_rs::ExportError>,
}

impl TypeVisitor for Exporter<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.error.is_some() {
            return;
        }
        if T::output_path().is_some() {
            if self.names.insert(T::ident(self.cfg)) {
                self.error = T::export_all(self.cfg).err();
                T::visit_dependencies(self);
            }
            // A generic type seen before (Page<CustomerRow>) may carry a new argument
            // (Page<Followup>) whose type must be exported too.
            if self.walked.insert(std::any::type_name::<T>()) {
                T::visit_generics(self);
            }
        } else if self.walked.insert(std::any::type_name::<T>()) {
            T::visit_dependencies(self);
            T::visit_generics(self);
        }
    }
}

/// The generated `commands.ts`: one typed wrapper per command.
pub fn commands_ts(cfg: &Config, type_names: &BTreeSet<String>) -> String {
    let mut out = String::from(
        "// Generated from src-tauri/core/src/api.rs by `cargo test -p tagdesk-core`. Do not edit.\n\
         import { invoke } from \"@tauri-apps/api/core\";\n",
    );
    let commands = commands(cfg);
    let used = |name: &str| {
        commands.iter().any(|c| {
            std::iter::once(&c.returns)
                .chain(c.args.iter().map(|(_, t)| t))
                .any(|t| {
                    t.split(|ch: char| !ch.is_alphanumeric())
                        .any(|word| word == name)
                })
        })
    };
    for name in type_names.iter().filter(|n| used(n)) {
        let _ = writeln!(out, "import type {{ {name} }} from \"./bindings/{name}\";");
    }
    out.push('\n');
    for name in type_names {
        let _ = writeln!(out, "export type {{ {name} }} from \"./bindings/{name}\";");
    }
    for cmd in commands {
        out.push('\n');
        for line in cmd.doc.lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(out, "/**{line} */");
        }
        let params: Vec<String> = cmd.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        let names: Vec<&str> = cmd.args.iter().map(|(n, _)| n.as_str()).collect();
        let _ = writeln!(
            out,
            "export const {fname} = ({params}): Promise<{ret}> =>\n  invoke<{ret}>(\"{name}\", {{{args}}});",
            fname = camel(cmd.name),
            params = params.join(", "),
            ret = cmd.returns,
            name = cmd.name,
            args = if names.is_empty() { String::new() } else { format!(" {} ", names.join(", ")) },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn ipc_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc")
    }

    /// Generates the bindings into a scratch folder and compares them with the committed
    /// ones; with TAGDESK_WRITE_BINDINGS=1 it writes them instead.
    #[test]
    fn committed_typescript_bindings_match_the_rust_types() {
        let scratch = tempfile::tempdir().unwrap();
        let cfg = Config::new()
            .with_large_int("number")
            .with_out_dir(scratch.path().join("bindings"));
        let names = export_types(&cfg).expect("types export");
        std::fs::write(
            scratch.path().join("commands.ts"),
            commands_ts(&cfg, &names),
        )
        .unwrap();
        std::fs::write(
            scratch.path().join("problemSamples.json"),
            crate::problem::samples_json(),
        )
        .unwrap();
        // No command carries the attribute table: the UI reads it from a generated constant.
        crate::attributes::AttributeDef::export_all(&cfg).expect("types export");
        std::fs::write(
            scratch.path().join("attributes.ts"),
            crate::attributes::typescript(),
        )
        .unwrap();

        let target = ipc_dir();
        if std::env::var("TAGDESK_WRITE_BINDINGS").as_deref() == Ok("1") {
            let _ = std::fs::remove_dir_all(target.join("bindings"));
            copy_dir(scratch.path(), &target);
            return;
        }
        let stale: Vec<String> = files(scratch.path())
            .into_iter()
            .chain(
                files(&target.join("bindings"))
                    .into_iter()
                    .map(|f| format!("bindings/{f}")),
            )
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|f| {
                std::fs::read(scratch.path().join(f)).ok() != std::fs::read(target.join(f)).ok()
            })
            .collect();
        assert!(
            stale.is_empty(),
            "generated TypeScript differs from ui/src/lib/ipc for {stale:?}; \
             run scripts/gen-bindings.sh and commit the result"
        );
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if entry.path().is_dir() {
                out.extend(
                    files(&entry.path())
                        .into_iter()
                        .map(|f| format!("{name}/{f}")),
                );
            } else {
                out.push(name);
            }
        }
        out
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let dest = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &dest);
            } else {
                std::fs::copy(entry.path(), dest).unwrap();
            }
        }
    }

    #[test]
    fn argument_names_are_camel_case_as_tauri_expects() {
        assert_eq!(camel("backup_path"), "backupPath");
        assert_eq!(camel("query"), "query");
    }
}
