//! A sheet handed over row by row. An .xlsx sheet is unzipped and parsed on a thread of its
//! own, so an import validates and matches rows while the rest of the file is still being
//! read, and each cell's text is moved out of the parser instead of copied. Every other
//! format is read whole first and then handed over the same way.
//!
//! The rows are exactly those of [`read`](super::read)'s table. Streaming relies on the
//! sheet's rows coming in order and on its declared size naming its last column, which every
//! spreadsheet program writes; a sheet that breaks either is read again whole and its rows
//! start over ([`Row::Again`]).

use super::workbook::{self, Book};
use super::{problem, Cell, ReadOptions, Table, MAX_ROWS};
use crate::error::{Error, Result};
use crate::problem::Problem;
use calamine::DataRef;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Rows per message from the reading thread.
const CHUNK: usize = 1024;
/// Messages the reading thread may run ahead of the rows taken.
const AHEAD: usize = 64;

/// What [`SheetRows::next_row`] hands over.
#[derive(Debug)]
pub enum Row {
    /// The next row; its index in the sheet is the count of rows handed over before it.
    Cells(Vec<Cell>),
    /// The last row has been handed over.
    End,
    /// The sheet could not be streamed after all: forget the rows so far, they start over.
    Again,
}

/// The rows of one sheet, in order; see the module's comment.
pub struct SheetRows {
    pub sheet: String,
    /// For CSV: the encoding used.
    pub encoding: Option<String>,
    path: PathBuf,
    options: ReadOptions,
    source: Source,
}

enum Source {
    Table(std::vec::IntoIter<Vec<Cell>>),
    Thread {
        pieces: Option<Receiver<Piece>>,
        chunk: std::vec::IntoIter<Vec<Cell>>,
        reader: Option<JoinHandle<()>>,
    },
}

enum Piece {
    Rows(Vec<Vec<Cell>>),
    Failed(Error),
    Unstreamable,
}

/// Opens the sheet `options` names for reading row by row.
pub fn rows(path: &Path, options: &ReadOptions) -> Result<SheetRows> {
    super::check_file(path)?;
    let is_xlsx = matches!(super::extension(path).as_str(), "xlsx" | "xlsm");
    if is_xlsx {
        let (book, sheet) = workbook::open_sheet(path, options)?;
        if let Book::Xlsx(xlsx) = book {
            let (send, pieces) = sync_channel(AHEAD);
            let (at, name) = (path.to_path_buf(), sheet.clone());
            let reader = std::thread::Builder::new()
                .name("sheet-reader".into())
                .spawn(move || read_xlsx(xlsx, &name, &at, &send))?;
            return Ok(SheetRows {
                sheet,
                encoding: None,
                path: path.to_path_buf(),
                options: options.clone(),
                source: Source::Thread {
                    pieces: Some(pieces),
                    chunk: Vec::new().into_iter(),
                    reader: Some(reader),
                },
            });
        }
    }
    let table = super::read_any(path, options)?;
    Ok(SheetRows::of(table, path, options))
}

impl SheetRows {
    fn of(table: Table, path: &Path, options: &ReadOptions) -> SheetRows {
        SheetRows {
            sheet: table.sheet,
            encoding: table.encoding,
            path: path.to_path_buf(),
            options: options.clone(),
            source: Source::Table(table.rows.into_iter()),
        }
    }

    pub fn next_row(&mut self) -> Result<Row> {
        match &mut self.source {
            Source::Table(rows) => Ok(rows.next().map_or(Row::End, Row::Cells)),
            Source::Thread { pieces, chunk, .. } => loop {
                if let Some(row) = chunk.next() {
                    return Ok(Row::Cells(row));
                }
                match pieces.as_ref().and_then(|p| p.recv().ok()) {
                    Some(Piece::Rows(rows)) => *chunk = rows.into_iter(),
                    Some(Piece::Failed(e)) => return Err(e),
                    // The thread ends after its last piece: a closed channel is the end.
                    None => return Ok(Row::End),
                    Some(Piece::Unstreamable) => {
                        self.stop();
                        let table = workbook::read(&self.path, &self.options)?;
                        self.source = Source::Table(table.rows.into_iter());
                        return Ok(Row::Again);
                    }
                }
            },
        }
    }

    /// Drops the channel so that the reading thread stops at its next piece, and waits for it.
    fn stop(&mut self) {
        if let Source::Thread { pieces, reader, .. } = &mut self.source {
            pieces.take();
            if let Some(reader) = reader.take() {
                let _ = reader.join();
            }
        }
    }
}

impl Drop for SheetRows {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The reading thread: cells in the order of the file, gathered into rows as wide as the
/// sheet's declared size, sent a chunk at a time. Stops when the rows are taken no more.
fn read_xlsx(
    mut xlsx: calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    path: &Path,
    send: &SyncSender<Piece>,
) {
    let Ok(mut cells) = xlsx.worksheet_cells_reader(sheet) else {
        // Not a worksheet (a chart sheet): the whole-sheet path knows what to say.
        let _ = send.send(Piece::Unstreamable);
        return;
    };
    let width = cells.dimensions().end.1 as usize + 1;
    let mut rows = Rows {
        width,
        next: 0,
        started: false,
        last_col: 0,
        current: None,
        chunk: Vec::with_capacity(CHUNK),
        send,
    };
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                let reason = Problem::SheetUnreadable {
                    sheet: sheet.to_string(),
                    detail: e.to_string(),
                };
                let _ = send.send(Piece::Failed(problem(path, reason)));
                return;
            }
        };
        if *cell.get_value() == DataRef::Empty {
            continue;
        }
        let (row, col) = cell.get_position();
        if row as usize + 1 >= MAX_ROWS {
            let _ = send.send(Piece::Failed(problem(path, workbook::full_sheet(sheet))));
            return;
        }
        let placed = rows.place(row, col as usize, cell.get_value().clone());
        match placed {
            Placed::Yes => {}
            Placed::Unstreamable => {
                let _ = send.send(Piece::Unstreamable);
                return;
            }
            Placed::NoOneListens => return,
        }
    }
    let _ = rows.finish();
}

enum Placed {
    Yes,
    Unstreamable,
    NoOneListens,
}

/// Rows being gathered on the reading thread.
struct Rows<'a> {
    width: usize,
    /// Index of the next row to send.
    next: u32,
    /// Whether a row with a value has been seen: rows above the first are sent empty.
    started: bool,
    last_col: usize,
    current: Option<(u32, Vec<Cell>)>,
    chunk: Vec<Vec<Cell>>,
    send: &'a SyncSender<Piece>,
}

impl Rows<'_> {
    fn place(&mut self, row: u32, col: usize, value: DataRef) -> Placed {
        if col >= self.width || row < self.next {
            return Placed::Unstreamable;
        }
        if self.current.as_ref().is_some_and(|(r, _)| *r != row) {
            if !self.flush() {
                return Placed::NoOneListens;
            }
            if row < self.next {
                return Placed::Unstreamable;
            }
        }
        if self.current.is_none() {
            // Rows without a value between two with values are as wide as the sheet.
            while self.next < row {
                let blank = match self.started {
                    true => vec![Cell::Empty; self.width],
                    false => Vec::new(),
                };
                if !self.push(blank) {
                    return Placed::NoOneListens;
                }
            }
            self.started = true;
            self.current = Some((row, vec![Cell::Empty; self.width]));
        }
        if let Some((_, cells)) = &mut self.current {
            cells[col] = workbook::cell(value.into());
        }
        self.last_col = self.last_col.max(col);
        Placed::Yes
    }

    /// Sends the row being gathered; false when no one takes rows any more.
    fn flush(&mut self) -> bool {
        match self.current.take() {
            Some((_, cells)) => self.push(cells),
            None => true,
        }
    }

    fn push(&mut self, cells: Vec<Cell>) -> bool {
        self.next += 1;
        self.chunk.push(cells);
        if self.chunk.len() < CHUNK {
            return true;
        }
        let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.send.send(Piece::Rows(full)).is_ok()
    }

    /// Sends what is left, or asks for the whole-sheet path when the declared size was wider
    /// than the cells with values (the rows would have been too wide).
    fn finish(mut self) -> bool {
        if !self.flush() {
            return false;
        }
        if self.started && self.last_col + 1 != self.width {
            return self.send.send(Piece::Unstreamable).is_ok();
        }
        let rest = std::mem::take(&mut self.chunk);
        rest.is_empty() || self.send.send(Piece::Rows(rest)).is_ok()
    }
}
