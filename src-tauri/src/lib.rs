//! The Tauri shell: starts the window and registers the commands. No domain logic lives here.

mod commands;
mod compositing;
mod desk_state;
mod exported;
mod folder_dialog;
mod open_dialog;
mod page_process;
mod save_dialog;
mod shell_commands;
mod started;
mod test_dialogs;

use desk_state::DeskState;
use std::path::PathBuf;
use std::sync::Arc;
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::write_targets::WriteTargets;
use tauri::Manager;

pub fn run() {
    let started = started::Started::now();
    compositing::off_without_gpu();
    tauri::Builder::default()
        .manage(started)
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = match std::env::var_os("TAGDESK_DATA_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            app.manage(Arc::new(WriteTargets::new(&data_dir)));
            app.manage(DeskState::new(Desk::start(data_dir, DemoSpec::small())));
            page_process::reload_when_it_ends(app);
            Ok(())
        })
        .invoke_handler(commands::handlers())
        .build(tauri::generate_context!())
        .expect("error while building TagDesk")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<DeskState>().close();
            }
        });
}
