use super::*;
use crate::error::ErrorCode;
use tempfile::TempDir;

/// A data folder and, beside it, a folder of the user's that the app must not write to.
fn folders() -> (TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let elsewhere = root.path().join("documents");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    (root, data, elsewhere)
}

fn refused(targets: &WriteTargets, path: &Path) {
    let err = targets.check(path).expect_err("the path is refused");
    assert_eq!(err.code(), ErrorCode::PathNotAllowed, "{err}");
}

#[test]
fn a_spreadsheet_typed_inside_the_data_folder_may_be_written() {
    let (_root, data, _) = folders();
    let targets = WriteTargets::new(&data);
    let path = data.join("全部客户.xlsx");
    let resolved = targets.check(&path).unwrap();
    assert_eq!(
        resolved,
        std::fs::canonicalize(&data).unwrap().join("全部客户.xlsx")
    );
    std::fs::create_dir(data.join("exports")).unwrap();
    assert!(targets.check(&data.join("exports/../a.csv")).is_ok());
    assert!(targets.check(&data.join("exports/b.csv")).is_ok());
}

#[test]
fn a_typed_path_outside_the_data_folder_is_refused() {
    let (_root, data, elsewhere) = folders();
    let targets = WriteTargets::new(&data);
    refused(&targets, &elsewhere.join("customers.xlsx"));
    refused(&targets, Path::new("/etc/passwd"));
}

#[test]
fn dot_dot_cannot_climb_out_of_the_data_folder() {
    let (_root, data, elsewhere) = folders();
    std::fs::write(elsewhere.join("notes.csv"), "mine").unwrap();
    let targets = WriteTargets::new(&data);
    refused(&targets, &data.join("../documents/notes.csv"));
    refused(&targets, Path::new("../documents/notes.csv"));
    refused(&targets, &data.join(".."));
}

#[cfg(unix)]
#[test]
fn a_link_in_the_data_folder_to_a_file_elsewhere_is_refused() {
    let (_root, data, elsewhere) = folders();
    let outside = elsewhere.join("ledger.csv");
    std::fs::write(&outside, "mine").unwrap();
    std::os::unix::fs::symlink(&outside, data.join("ledger.csv")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, data.join("docs")).unwrap();
    let targets = WriteTargets::new(&data);
    refused(&targets, &data.join("ledger.csv"));
    refused(&targets, &data.join("docs/new.xlsx"));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine");
}

#[test]
fn the_data_folders_own_files_are_not_export_targets() {
    let (_root, data, _) = folders();
    std::fs::write(data.join("demo.sqlite"), "db").unwrap();
    let targets = WriteTargets::new(&data);
    refused(&targets, &data.join("demo.sqlite"));
    refused(&targets, &data.join("prefs.json"));
    refused(&targets, &data.join("demo.sqlite.backups"));
}

#[test]
fn a_path_chosen_in_the_save_dialog_may_be_written_wherever_it_is() {
    let (_root, data, elsewhere) = folders();
    let targets = WriteTargets::new(&data);
    let chosen = elsewhere.join("客户导出.xlsx");
    refused(&targets, &chosen);
    targets.grant(&chosen).unwrap();
    assert!(targets.check(&chosen).is_ok());
    std::fs::create_dir(elsewhere.join("sub")).unwrap();
    assert!(
        targets
            .check(&elsewhere.join("sub/../客户导出.xlsx"))
            .is_ok(),
        "the same file, spelled another way"
    );
    refused(&targets, &elsewhere.join("other.xlsx"));
}

#[cfg(unix)]
#[test]
fn a_granted_path_does_not_extend_to_what_a_link_later_points_at() {
    let (_root, data, elsewhere) = folders();
    let targets = WriteTargets::new(&data);
    let chosen = elsewhere.join("report.xlsx");
    targets.grant(&chosen).unwrap();
    let precious = elsewhere.join("precious.xlsx");
    std::fs::write(&precious, "mine").unwrap();
    std::os::unix::fs::symlink(&precious, &chosen).unwrap();
    refused(&targets, &chosen);
}

#[test]
fn only_a_file_an_export_wrote_may_be_opened() {
    let (_root, data, elsewhere) = folders();
    let targets = WriteTargets::new(&data);
    let chosen = elsewhere.join("客户导出.xlsx");
    let granted = targets.grant(&chosen).unwrap();
    let not_yet = targets
        .exported(&chosen)
        .expect_err("chosen but not written yet");
    assert_eq!(not_yet.code(), ErrorCode::PathNotAllowed);
    std::fs::write(&granted, "xlsx").unwrap();
    targets.wrote(&targets.check(&chosen).unwrap());
    assert_eq!(targets.exported(&chosen).unwrap(), granted);
    std::fs::create_dir(elsewhere.join("sub")).unwrap();
    assert_eq!(
        targets
            .exported(&elsewhere.join("sub/../客户导出.xlsx"))
            .unwrap(),
        granted,
        "the same file, spelled another way"
    );
    std::fs::write(elsewhere.join("other.xlsx"), "mine").unwrap();
    let other = targets.exported(&elsewhere.join("other.xlsx"));
    assert!(other.is_err(), "a file no export wrote is not opened");
    let db = targets.exported(&data.join("demo.sqlite"));
    assert!(db.is_err(), "nor the data folder's own files");
}

#[test]
fn a_relative_export_is_opened_from_the_data_folder() {
    let (_root, data, _) = folders();
    let targets = WriteTargets::new(&data);
    let written = targets.check(Path::new("vip.csv")).unwrap();
    std::fs::write(&written, "a,b").unwrap();
    targets.wrote(&written);
    assert_eq!(targets.exported(Path::new("vip.csv")).unwrap(), written);
    std::fs::remove_file(&written).unwrap();
    assert!(
        targets.exported(Path::new("vip.csv")).is_err(),
        "a file since removed is not opened"
    );
}

#[test]
fn a_folder_chosen_in_the_dialog_and_the_folders_inside_it_may_be_written() {
    let (_root, data, elsewhere) = folders();
    let targets = WriteTargets::new(&data);
    let shared = elsewhere.join("坚果云");
    std::fs::create_dir_all(shared.join("TagDesk-销售部-1a2b")).unwrap();
    let granted = targets.grant_folder(&shared).unwrap();
    assert_eq!(granted, std::fs::canonicalize(&shared).unwrap());
    assert_eq!(targets.check_folder(&shared).unwrap(), granted);
    assert_eq!(
        targets
            .check_folder(&shared.join("TagDesk-销售部-1a2b"))
            .unwrap(),
        granted.join("TagDesk-销售部-1a2b"),
        "the team's own folder inside the chosen one"
    );
}

#[test]
fn a_folder_not_chosen_is_refused_even_through_dot_dot() {
    let (_root, data, elsewhere) = folders();
    let targets = WriteTargets::new(&data);
    let shared = elsewhere.join("shared");
    std::fs::create_dir(&shared).unwrap();
    let folder_refused = |path: &Path| {
        let err = targets
            .check_folder(path)
            .expect_err("the folder is refused");
        assert_eq!(err.code(), ErrorCode::PathNotAllowed, "{err}");
    };
    folder_refused(&shared);
    targets.grant_folder(&shared).unwrap();
    folder_refused(&elsewhere);
    folder_refused(&shared.join(".."));
    folder_refused(&data);
    folder_refused(&shared.join("not-made-yet"));
}

#[test]
fn a_chosen_folder_does_not_make_its_files_writable_as_exports() {
    let (_root, data, elsewhere) = folders();
    let targets = WriteTargets::new(&data);
    targets.grant_folder(&elsewhere).unwrap();
    refused(&targets, &elsewhere.join("customers.xlsx"));
    let file = elsewhere.join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    let err = targets
        .grant_folder(&file)
        .expect_err("a file is not a folder");
    assert_eq!(err.code(), ErrorCode::PathNotAllowed);
}

#[cfg(unix)]
#[test]
fn a_link_inside_a_chosen_folder_to_a_folder_elsewhere_is_refused() {
    let (_root, data, elsewhere) = folders();
    let shared = elsewhere.join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::os::unix::fs::symlink(&data, shared.join("data")).unwrap();
    let targets = WriteTargets::new(&data);
    targets.grant_folder(&shared).unwrap();
    let err = targets
        .check_folder(&shared.join("data"))
        .expect_err("the link leads out of the chosen folder");
    assert_eq!(err.code(), ErrorCode::PathNotAllowed);
}
