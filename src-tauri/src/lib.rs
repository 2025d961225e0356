//! The Tauri shell: starts the window and registers the commands. No domain logic lives here.

mod commands;
mod desk_state;
mod exported;
mod save_dialog;
mod started;

use desk_state::DeskState;
use std::path::PathBuf;
use std::sync::Arc;
use tagdesk_core::demo::DemoSpec;
use tagdesk_core::desk::Desk;
use tagdesk_core::write_targets::WriteTargets;
use tauri::Manager;

pub fn run() {
    let started = started::Started::now();
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
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::app_set_language,
            commands::app_set_user_name,
            commands::app_list_shown,
            commands::db_open,
            commands::db_create,
            commands::db_start_in_empty,
            commands::dialog_save,
            commands::db_open_demo,
            commands::db_restore_backup,
            commands::db_dismiss_interrupted,
            commands::customers_list,
            commands::customers_count,
            commands::customers_get,
            commands::customers_create,
            commands::customers_update,
            commands::customers_delete,
            commands::customers_restore,
            commands::import_preview,
            commands::import_run,
            commands::job_progress,
            commands::event_kinds_list,
            commands::event_kinds_create,
            commands::event_kinds_update,
            commands::event_kinds_delete,
            commands::events_add,
            commands::events_delete,
            commands::job_cancel,
            commands::import_error_report,
            commands::import_templates_list,
            commands::import_templates_save,
            commands::import_templates_delete,
            commands::import_templates_apply,
            commands::export_customers,
            commands::export_dictionary,
            commands::import_dictionary,
            commands::fields_list,
            commands::fields_create,
            commands::fields_update,
            commands::fields_archive,
            commands::fields_delete,
            commands::tags_tree,
            commands::tags_create,
            commands::tags_update,
            commands::tags_move,
            commands::tags_archive,
            commands::tags_delete,
            commands::tags_merge,
            commands::tags_close_names,
            commands::tagging_add,
            commands::tagging_remove,
            commands::tagging_last,
            commands::operations_list,
            commands::operations_get,
            commands::operations_blockers,
            commands::operations_undo,
            commands::operations_mine_latest,
            commands::segments_catalog,
            commands::segments_count,
            commands::segments_members,
            commands::segments_explain,
            commands::segments_list,
            commands::segments_get,
            commands::segments_create,
            commands::segments_update,
            commands::segments_duplicate,
            commands::segments_delete,
            commands::segments_pin,
            commands::segments_dashboard,
            commands::segments_tag,
            commands::segments_export,
            commands::export_open,
            commands::export_reveal,
            commands::rules_list,
            commands::rules_create,
            commands::rules_update,
            commands::rules_delete,
            commands::rules_preview,
            commands::rules_run,
            commands::rules_run_due,
            commands::rules_log,
            commands::rfm_settings,
            commands::rfm_save_settings,
            commands::rfm_run,
            commands::rfm_summary,
            commands::lifecycle_settings,
            commands::lifecycle_save,
            commands::lifecycle_run,
            commands::lifecycle_last,
            commands::scores_followups,
        ])
        .build(tauri::generate_context!())
        .expect("error while building TagDesk")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<DeskState>().close();
            }
        });
}
