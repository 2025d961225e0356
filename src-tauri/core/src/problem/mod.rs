//! One vocabulary of problems: every error, row problem and refusal the core reports is a code
//! with parameters, never a sentence. The UI words each code in its language (ui/src/problems),
//! and so does the core for what it writes itself (error reports, the CLI, logs) through the
//! tables in `en` and `zh`; a test keeps the code lists of all four tables the same.

mod en;
mod language;
#[cfg(test)]
mod samples;
mod zh;

pub use language::Language;

use crate::conditions::{fields::ValueKind, FieldOp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of record a lookup did not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "Thing.ts")]
pub enum Thing {
    Customer,
    CustomField,
    EditedRecord,
    Event,
    EventKind,
    ImportTemplate,
    Operation,
    Rule,
    Segment,
    Tag,
}

/// How many values a field operator needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ValueNeed.ts")]
pub enum ValueNeed {
    One,
    Two,
    AtLeastOne,
}

/// One problem: its code (the variant) and what the wording needs to name it. Counts are
/// numbers, so each language formats them its way; names and values are the user's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export_to = "Problem.ts")]
pub enum Problem {
    // The database file and other files.
    DatabaseMissing {
        path: String,
    },
    DatabaseCorrupt {
        path: String,
        detail: String,
    },
    DatabaseTooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    DatabaseEmpty {
        path: String,
    },
    DatabaseBusy {
        path: String,
    },
    /// The database is encrypted and its passphrase was not given.
    PassphraseNeeded {
        path: String,
    },
    PassphraseWrong {
        path: String,
    },
    PassphraseTooShort {
        min: i64,
    },
    /// Decrypting a database that is not encrypted.
    NotEncrypted,
    ReadOnlyOutdated {
        path: String,
        found: i64,
        supported: i64,
    },
    PathNotAllowed {
        path: String,
    },
    FileExists {
        path: String,
    },
    NotABackup {
        backup: String,
        database: String,
    },
    Cancelled,
    NoDatabase,
    Migration {
        detail: String,
    },
    /// A change refused because the file is open read-only.
    ReadOnly,
    /// A change refused because another program holds the write lock.
    BusyWriting,
    /// A change the damage check refused.
    DamagedWriting,
    /// A fault of the program; its detail went to the log.
    Internal,
    FileError {
        detail: String,
    },
    /// Writing an export or report failed in the spreadsheet writer.
    WriteFailed {
        detail: String,
    },

    // Reading spreadsheets (`Error::Spreadsheet` carries the file).
    FileUnreadable {
        detail: String,
    },
    FileEmpty,
    FileBinary,
    WrongEncoding {
        encoding: String,
    },
    UnknownEncoding {
        label: String,
    },
    CsvRow {
        row: u32,
        detail: String,
    },
    SheetEmpty {
        sheet: String,
    },
    SheetFull {
        sheet: String,
        limit: u32,
    },
    SheetUnreadable {
        sheet: String,
        detail: String,
    },
    NoSuchSheet {
        sheet: String,
    },
    NoVisibleSheet,
    NotSpreadsheet {
        extension: String,
    },
    PlainTextWorkbook,
    NotWorkbook,
    WorkbookDamaged,
    SpreadsheetUnreadable {
        detail: String,
    },
    NoDataRows {
        sheet: String,
        header_row: u32,
    },
    NotADictionary,
    DictionaryRow {
        row: u32,
        problem: Box<Problem>,
    },

    // Lookups, undo and search.
    NotFound {
        thing: Thing,
        id: String,
    },
    NothingToUndo {
        operation: i64,
    },
    UndoBlocked {
        operation: i64,
        later: Vec<i64>,
    },
    SearchWithoutLetters {
        search: String,
    },

    // Names.
    NameRequired,
    NameTooLong {
        limit: u32,
    },
    /// `name` clashes with the existing `existing` (names ignore case and full-width forms).
    NameTaken {
        name: String,
        existing: String,
    },
    TagNameHasSlash,

    // Values of customers and fields.
    PhoneNotDigits {
        value: String,
    },
    PhoneInvalid {
        value: String,
    },
    PhoneScientific {
        value: String,
    },
    /// Digits hidden with * (138****8000), as marketplaces export buyers' phones.
    PhoneMasked {
        value: String,
    },
    EmailInvalid {
        value: String,
    },
    DateInvalid {
        value: String,
    },
    TimeInvalid {
        value: String,
    },
    NumberInvalid {
        value: String,
    },
    GenderInvalid {
        value: String,
    },
    CustomerTypeInvalid {
        value: String,
    },
    NotOneOf {
        value: String,
        allowed: Vec<String>,
    },
    OptionListExpected,
    ExternalIdTaken {
        value: String,
    },

    // The tag tree and tagging.
    ColorInvalid {
        value: String,
    },
    GroupHasMultiHolders {
        customers: i64,
    },
    MoveWouldDoubleSingle {
        customers: i64,
    },
    MergeWouldDoubleSingle {
        customers: i64,
    },
    TagHoldsNothing,
    GroupHoldsOnlyTags,
    MoveInsideItself,
    TagInUse {
        name: String,
        customers: i64,
    },
    MergeIntoTagOnly,
    /// Undoing a tag's creation: customers hold it now.
    TagHeldNow {
        customers: i64,
    },
    /// Undoing a node's creation: other nodes were added beneath it.
    NodesAddedBeneath,
    /// Undoing a node's creation: a segment or rule uses it.
    UsedBySegmentOrRule,
    /// Restoring a node whose parent is gone.
    PlaceGone {
        name: String,
    },
    NothingBeingUndone,
    /// A custom field that segments or rules use.
    FieldInUse {
        name: String,
        users: Vec<String>,
    },
    MergeNeedsSources,
    MergeOnlyTags,
    /// A bulk archive was given no nodes.
    ArchiveNeedsNodes,
    /// Only tags go in the core tag pool.
    CoreOnlyTags,
    /// A threshold of the health report or the suggestions is outside what it can be.
    HealthThresholdInvalid {
        parameter: String,
    },
    /// A trend's range is empty, reversed or has more points than a chart can show.
    TrendRangeInvalid {
        max_points: u32,
    },
    OnlyTagsAssignable,
    TagArchived,
    NotStarterGroup {
        name: String,
    },

    // Segments and conditions.
    SegmentInUse {
        name: String,
        users: Vec<String>,
    },
    SegmentContainsItself {
        segment: i64,
    },
    UnknownSegment {
        segment: i64,
    },
    ChooseTags,
    UnknownTagGroup {
        group: i64,
    },
    TagGroupEmpty {
        group: i64,
    },
    GroupConditionAll,
    UnknownField {
        field: String,
    },
    ChooseEventKind,
    NegativeWindow,
    ValueNotNumber,
    BetweenNeedsTwo,
    UnknownTag {
        tag: i64,
    },
    ValueCount {
        field: String,
        op: FieldOp,
        need: ValueNeed,
        given: u32,
    },
    OperatorNotForKind {
        field: String,
        op: FieldOp,
        kind: ValueKind,
    },
    DaysInvalid {
        value: String,
    },
    ValueInvalidFor {
        field: String,
        value: String,
        kind: ValueKind,
    },
    NestsTooDeep {
        limit: u32,
    },
    GroupsTooDeep {
        limit: u32,
        segment: Option<String>,
    },
    SegmentChainTooDeep {
        limit: u32,
    },

    // Custom fields and events.
    OptionsRequired,
    KindFixed,
    PropertyKeyTooLong,
    PropertyTwice {
        name: String,
    },
    TooManyProperties {
        limit: u32,
    },
    EventKindInUse {
        name: String,
        events: i64,
        references: i64,
    },
    TimeOutOfRange,
    AmountInvalid,
    NotAProperty {
        key: String,
        kind: String,
    },
    PropertyValueTooLong {
        limit: u32,
    },
    UndeclaredEventKind {
        name: String,
    },

    // Rules and settings.
    RuleGivesTags,
    SingleSelectOnly,
    TagNotInGroup,
    RuleDisabled,
    ChooseOrderKind,
    DaysBetween {
        min: i64,
        max: i64,
    },
    ScoreBetween {
        min: i64,
        max: i64,
    },
    ThresholdsNegative,
    ThresholdsNotRising,
    AtLeastOneDay,
    SilentAfterActive,

    // An import's choices.
    HeaderRowMissing {
        row: u32,
    },
    ChooseMatchBy,
    ChooseKeyColumn,
    ChooseKindColumn,
    ChooseTimeColumn,
    ChooseNameColumn,
    MappingEmpty,
    TemplateMismatch {
        headers: u32,
        columns: u32,
    },

    // An import's rows.
    NoTagPath {
        item: String,
    },
    NoSuchTag {
        item: String,
    },
    AmbiguousTag {
        item: String,
        paths: Vec<String>,
    },
    NewTagsGroupIsCategory {
        group: String,
    },
    TagNameOccupied {
        name: String,
    },
    /// A tags cell's item `item` that cannot be a tag name, for `problem`.
    TagItem {
        item: String,
        problem: Box<Problem>,
    },
    TwoSingleSelectTags {
        group: String,
    },
    DuplicateCustomer {
        first_row: u32,
    },
    DuplicateEventSkipped {
        first_row: u32,
    },
    DuplicateEventKept {
        first_row: u32,
    },
    /// Another line of an order (the same order id) whose first line is row `first_row`.
    OrderLineMerged {
        first_row: u32,
    },
    TotalsRow,
    SkippedNoKey,
    ExternalIdInFile {
        value: String,
        first_row: u32,
    },
    ExternalIdHeld {
        value: String,
        name: String,
        deleted: bool,
    },
    KeyEmpty,
    NoCustomerWithKey {
        key: String,
    },
    TimeEmpty,
    EventKindEmpty,
    UnknownEventKindInFile {
        name: String,
    },

    // Team exchange: its files (skipped whole, retried next time) and its shared folder.
    ExchangeFileTruncated {
        file: String,
    },
    ExchangeFileCorrupted {
        file: String,
    },
    ExchangeFileForeign {
        file: String,
    },
    ExchangeFileTooNew {
        file: String,
        found: i64,
        supported: i64,
    },
    NotAnExchangeFile {
        file: String,
    },
    /// A TagDesk exchange file of another kind (a pack chosen where a snapshot is expected).
    ExchangeFileWrongKind {
        file: String,
    },
    /// The folder belongs to the team named `team`.
    TeamFolderOtherTeam {
        folder: String,
        team: String,
    },
    NotATeamFolder {
        folder: String,
    },
    TeamFolderTooNew {
        folder: String,
        found: i64,
        supported: i64,
    },
    /// This database already belongs to a team (one team per database).
    AlreadyInTeam,
    /// Exchanging needs a team: start or join one first.
    NotInTeam,
    /// The team folder holds no snapshot to join from (the owner has not exchanged yet).
    TeamHasNoSnapshot {
        folder: String,
    },
    /// The file chosen to join from is not a TagDesk invitation file.
    NotAnInvitation {
        file: String,
    },
    /// The invitation file is incomplete or damaged (cut short in the mail, altered on the way).
    InvitationDamaged {
        file: String,
    },
    InvitationTooNew {
        file: String,
        found: i64,
        supported: i64,
    },
    /// The inbox case was decided already, or what it names is gone (deleted since).
    InboxCaseGone,
    /// The team hub does not answer at this address (down, wrong address, or no network).
    HubUnreachable {
        host: String,
        port: i64,
    },
    /// The hub refused the login or password.
    HubLoginFailed {
        login: String,
    },
    /// The PostgreSQL server has no database of this name.
    HubNoDatabase {
        database: String,
    },
    /// This login is not (or no longer) a member of the team on this hub.
    HubNotMember,
    /// Only the team's owner and admins may do this.
    HubNeedsAdmin,
    /// A team has one owner, who cannot be changed or removed here.
    HubOneOwner,
    /// The database holds no TagDesk hub (set one up first).
    HubNotSetUp,
    /// The connection to the hub broke off; the next exchange tries again.
    HubConnectionLost,
    /// The hub could not do what was asked (details in the log); the next exchange tries again.
    HubFailed,
    /// The hub is of a newer version than this app speaks: update TagDesk.
    HubTooNew {
        found: i64,
        supported: i64,
    },
    /// The hub is of an older version than this app speaks; the owner's app brings it up to date
    /// at its next exchange.
    HubOlder {
        found: i64,
        supported: i64,
    },
    /// The hub belongs to another team.
    HubOtherTeam,
    /// The hub has no copy to join from yet for this person (the owner's app uploads one when it
    /// starts the hub, and the owner's or an admin's when a member's rights need another).
    HubHasNoSnapshot,
    /// The hub refused a change: viewers cannot change anything.
    HubViewerReadOnly,
    /// The hub refused a change of group `group`, which the department `department` owns.
    HubGroupOwned {
        group: String,
        department: String,
    },
    /// The hub refused a change of a record of kind `entity` (rules, custom fields, event kinds,
    /// settings): only admins and the owner may change those.
    HubAdminOnly {
        entity: String,
    },
}

impl Problem {
    /// The problem in `language`, for what the core writes itself (reports, the CLI, logs).
    pub fn word(&self, language: Language) -> String {
        match language {
            Language::ZhCn => zh::word(self),
            Language::En => en::word(self),
        }
    }

    /// The code, as the UI's tables and scripts know it.
    pub fn code(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map
                .get("code")
                .and_then(|c| c.as_str())
                .unwrap_or_default()
                .to_string(),
            _ => String::new(),
        }
    }
}

/// English, for logs and the CLI's default.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&en::word(self))
    }
}

/// One problem of every code as JSON, committed beside the bindings so the UI's test can word
/// each in both languages.
#[cfg(test)]
pub(crate) fn samples_json() -> String {
    let mut text = serde_json::to_string_pretty(&samples::all()).expect("problems serialise");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
