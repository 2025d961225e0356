//! The IPC commands, expanded from the one list in `tagdesk_core::tagdesk_commands!` (which
//! also gives the UI its TypeScript): one adapter each that hands the arguments to the desk as
//! the list says, and the handler list that registers them all.

use crate::desk_state::DeskState;
use crate::shell_commands::{self, Shell};
use crate::started::Started;
use std::sync::Arc;
use tagdesk_core::api::names::*;
use tagdesk_core::write_targets::WriteTargets;
use tagdesk_core::IpcError;
use tauri::ipc::Invoke;
use tauri::{State, WebviewWindow, Wry};

type Reply<T> = Result<T, IpcError>;

/// One `#[tauri::command]` per entry. A `shell` entry gets the window and the write targets
/// as well and calls its hand-written namesake in `shell_commands`, which must then take the
/// listed arguments and return the listed type.
macro_rules! adapter {
    ($(#[doc = $doc:literal])* $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty = shell) => {
        $(#[doc = $doc])*
        #[tauri::command]
        async fn $name(
            window: WebviewWindow,
            desk: State<'_, DeskState>,
            targets: State<'_, Arc<WriteTargets>>,
            started: State<'_, Started>,
            $($arg: $ty),*
        ) -> Reply<$ret> {
            shell_commands::$name(Shell { window, desk, targets, started }, $($arg),*).await
        }
    };
    ($(#[doc = $doc:literal])* $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty
        = $access:ident (|$($param:pat_param),*| $body:expr)) => {
        $(#[doc = $doc])*
        #[tauri::command]
        async fn $name(desk: State<'_, DeskState>, $($arg: $ty),*) -> Reply<$ret> {
            desk.$access(move |$($param),*| $body).await
        }
    };
}

/// Expands the whole list: the adapters, then `handlers` naming every one of them.
macro_rules! adapters {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty = $access:ident $(( $($run:tt)* ))?;
    )*) => {
        $( adapter! { $(#[doc = $doc])* $name ($($arg: $ty),*) -> $ret = $access $(($($run)*))? } )*

        /// Every command of the list, for `invoke_handler`.
        pub fn handlers() -> impl Fn(Invoke<Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

tagdesk_core::tagdesk_commands!(adapters);
