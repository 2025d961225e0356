//! An exported workbook as a spreadsheet program sees it: LibreOffice (headless) opens it and
//! saves it as .ods, and no cell of that copy is a formula while every text is exactly the
//! user's. Fails, rather than skips, without LibreOffice: `scripts/setup.sh --e2e` (which
//! `scripts/test.sh` runs) installs Debian's `libreoffice-calc-nogui`.

use super::{formula_world, spec, FORMULAS, GROUP_FORMULAS, TAG_FORMULAS};
use calamine::{open_workbook_auto, Reader};
use std::path::{Path, PathBuf};
use std::process::Command;
use tagdesk_core::export::{export_customers, ExportColumn, ExportFormat, TagsLayout};
use tagdesk_core::import::Attribute;
use tagdesk_core::spreadsheet::{self, Cell, ReadOptions};

/// `source` converted by LibreOffice to .ods in `dir`, with a private profile so parallel
/// runs do not share (and lock) one.
fn libreoffice_copy(source: &Path, dir: &Path) -> PathBuf {
    let profile = dir.join("profile");
    let run = Command::new("soffice")
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "ods", "--outdir"])
        .arg(dir)
        .arg(source)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "LibreOffice's soffice could not be started ({e}). This test needs it: \
                 install Debian's libreoffice-calc-nogui (scripts/setup.sh --e2e does)"
            )
        });
    let copy = dir.join(source.with_extension("ods").file_name().unwrap());
    assert!(
        run.status.success() && copy.exists(),
        "soffice did not convert {}: {}{}",
        source.display(),
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    copy
}

fn texts(path: &Path) -> Vec<Vec<String>> {
    spreadsheet::read(path, &ReadOptions::default())
        .unwrap()
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect()
}

#[test]
fn libreoffice_opens_no_exported_cell_as_a_formula_and_shows_the_texts_exactly() {
    let (source, _) = formula_world();
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("formulas.xlsx");
    let fields: Vec<i64> = source
        .prepare("SELECT id FROM custom_fields ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut columns = vec![
        ExportColumn::Attribute {
            attribute: Attribute::Name,
        },
        ExportColumn::Attribute {
            attribute: Attribute::Notes,
        },
    ];
    columns.extend(
        fields
            .iter()
            .map(|id| ExportColumn::CustomField { field_id: *id }),
    );
    let spec = tagdesk_core::export::ExportSpec {
        columns,
        ..spec(&exported, ExportFormat::Xlsx, TagsLayout::PerGroup)
    };
    export_customers(&source, &spec).unwrap();

    let copy = libreoffice_copy(&exported, dir.path());
    let mut book = open_workbook_auto(&copy).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let formulas = book.worksheet_formula(&sheet).unwrap();
    let found: Vec<&String> = formulas
        .used_cells()
        .map(|(_, _, f)| f)
        .filter(|f| !f.is_empty())
        .collect();
    assert!(found.is_empty(), "LibreOffice reads formulas: {found:?}");

    let seen = texts(&copy);
    assert_eq!(
        seen,
        texts(&exported),
        "LibreOffice shows what TagDesk wrote"
    );
    let all: Vec<&str> = seen.iter().flatten().map(String::as_str).collect();
    for text in FORMULAS.iter().chain(&GROUP_FORMULAS).chain(&TAG_FORMULAS) {
        assert!(
            all.contains(text),
            "{text} is shown exactly, without a quote: {all:?}"
        );
    }
}
