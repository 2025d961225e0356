//! The problems in English: the CLI's and the logs' words, and English error reports.

use super::language::count;
use super::{Problem, Thing, ValueNeed};
use crate::conditions::{fields::ValueKind, FieldOp};

pub(super) fn word(p: &Problem) -> String {
    use Problem::*;
    match p {
        DatabaseMissing { path } => format!("database file not found: {path}"),
        DatabaseCorrupt { path, detail } => {
            format!("database file {path} is damaged or not a TagDesk database ({detail})")
        }
        DatabaseTooNew { path, found, supported } => format!(
            "database file {path} was written by a newer TagDesk (schema version {found}, this version supports up to {supported})"
        ),
        DatabaseEmpty { path } => format!("database file {path} is empty (0 bytes)"),
        DatabaseBusy { path } => format!("another program is using the database file {path}"),
        PassphraseNeeded { path } => {
            format!("database file {path} is encrypted; its passphrase is needed")
        }
        PassphraseWrong { path } => {
            format!("the passphrase does not open {path}; nothing was changed")
        }
        PassphraseTooShort { min } => format!("the passphrase needs at least {min} characters"),
        NotEncrypted => "the database is not encrypted".into(),
        ReadOnlyOutdated { path, found, supported } => format!(
            "database file {path} is read-only and needs updating to this version (schema version {found} to {supported}), which would write to it"
        ),
        PathNotAllowed { path } => format!(
            "TagDesk writes only where you chose in the save dialog or inside its data folder, not to {path}"
        ),
        FileExists { path } => format!("file already exists and will not be overwritten: {path}"),
        NotABackup { backup, database } => format!("{backup} is not a backup of {database}"),
        Cancelled => "cancelled; nothing was changed".into(),
        NoDatabase => "no database is open".into(),
        Migration { detail } => format!("database migration failed: {detail}"),
        ReadOnly => "the database file is open read-only; the change was not saved".into(),
        BusyWriting => {
            "another program is using the database file; the change was not saved".into()
        }
        DamagedWriting => "the database file is damaged; the change was not saved".into(),
        Internal => "an unexpected internal problem; the change was not saved".into(),
        FileError { detail } => format!("file error: {detail}"),
        WriteFailed { detail } => format!("the file could not be written: {detail}"),
        FileUnreadable { detail } if detail.is_empty() => {
            "the file does not exist or cannot be read".into()
        }
        FileUnreadable { detail } => format!("cannot read the file: {detail}"),
        FileEmpty => "the file is empty (0 bytes)".into(),
        FileBinary => "the file is binary, not text: it is not a CSV file".into(),
        WrongEncoding { encoding } => {
            format!("the text is not valid {encoding}; choose the file's encoding by hand")
        }
        UnknownEncoding { label } => format!("unknown encoding “{label}”"),
        CsvRow { row, detail } => format!("row {}: {detail}", count(*row)),
        SheetEmpty { sheet } => format!("sheet “{sheet}” has no data"),
        SheetFull { sheet, limit } => format!(
            "sheet “{sheet}” fills all {} rows a spreadsheet can hold, so it was probably cut off when it was saved; split the data into smaller files",
            count(*limit)
        ),
        SheetUnreadable { sheet, detail } => format!("sheet “{sheet}” cannot be read: {detail}"),
        NoSuchSheet { sheet } => format!("there is no sheet named “{sheet}”"),
        NoVisibleSheet => "the workbook has no visible sheet".into(),
        NotSpreadsheet { extension } => format!(
            "“.{extension}” files are not spreadsheets TagDesk can read (use .xlsx, .xls, .ods or .csv)"
        ),
        PlainTextWorkbook => "the file holds plain text, not a workbook, whatever its name says; if it is a CSV file, rename it to .csv".into(),
        NotWorkbook => {
            "the file is not an Excel or OpenDocument workbook, whatever its name says".into()
        }
        WorkbookDamaged => "the workbook is damaged or incomplete (perhaps cut off while it was copied or downloaded)".into(),
        SpreadsheetUnreadable { detail } => {
            format!("the file cannot be read as a spreadsheet: {detail}")
        }
        NoDataRows { sheet, header_row } => format!(
            "sheet “{sheet}” has a header row (row {}) but no data rows below it",
            count(*header_row)
        ),
        NotADictionary => {
            "the first row has no “路径” column: this is not a TagDesk tag dictionary".into()
        }
        DictionaryRow { row, problem } => format!("row {}: {}", count(*row), word(problem)),
        NotFound { thing, id } => format!("{} {id} not found", thing_word(*thing)),
        NothingToUndo { operation } => format!(
            "operation {operation} cannot be undone: it is undone already or changed no tags"
        ),
        UndoBlocked { operation, later } => format!(
            "operation {operation} cannot be undone alone: later operations {} changed the same tags or records",
            list(later)
        ),
        SearchWithoutLetters { search } => {
            format!("a search needs at least one letter or digit, not “{search}”")
        }
        NameRequired => "a name is required".into(),
        NameTooLong { limit } => format!("a name has at most {} characters", count(*limit)),
        NameTaken { name, existing } if name == existing => {
            format!("the name “{name}” is already taken")
        }
        NameTaken { name, existing } => format!(
            "“{name}” clashes with “{existing}” (names ignore case and full-width forms)"
        ),
        TagNameHasSlash => {
            "a tag name cannot contain '/', which separates levels of a tag path".into()
        }
        PhoneNotDigits { value } => format!("“{value}” contains characters other than digits"),
        PhoneInvalid { value } => format!(
            "“{value}” is not a mobile number (11 digits starting with 1) or a landline with area code"
        ),
        PhoneScientific { value } => format!(
            "“{value}” is a phone number in scientific notation and has lost digits; format the column as text in the spreadsheet"
        ),
        PhoneMasked { value } => format!(
            "“{value}” is a phone number with digits hidden; it cannot identify the customer. To import these rows, set the column to Ignore"
        ),
        EmailInvalid { value } => format!("“{value}” is not an email address"),
        DateInvalid { value } => {
            format!("“{value}” is not a date (e.g. 2025-01-03, 2025/1/3, 2025年1月3日)")
        }
        TimeInvalid { value } => {
            format!("“{value}” is not a time (e.g. 2025-01-03 10:30, 2025/1/3, 2025年1月3日 9:05)")
        }
        NumberInvalid { value } => format!("“{value}” is not a number"),
        GenderInvalid { value } => format!("“{value}” is not a gender (male/female)"),
        CustomerTypeInvalid { value } => {
            format!("“{value}” is not a customer type (consumer/business)")
        }
        NotOneOf { value, allowed } => format!("“{value}” is not one of {}", allowed.join(", ")),
        OptionListExpected => "expected a list of options".into(),
        ExternalIdTaken { value } => {
            format!("another customer already has the external id “{value}”")
        }
        ColorInvalid { value } => format!("“{value}” is not a colour like #1677ff"),
        GroupHasMultiHolders { customers } => format!(
            "{} customers hold more than one tag of this group; it cannot be single-select until they hold one",
            count(*customers)
        ),
        MoveWouldDoubleSingle { customers } => format!(
            "{} customers already hold a tag of this single-select group as well",
            count(*customers)
        ),
        MergeWouldDoubleSingle { customers } => format!(
            "{} customers would hold two tags of a single-select group after this merge",
            count(*customers)
        ),
        TagHoldsNothing => "a tag cannot contain other nodes".into(),
        GroupHoldsOnlyTags => "a group can only contain tags".into(),
        MoveInsideItself => "a node cannot be moved inside itself".into(),
        TagInUse { name, customers } => format!(
            "“{name}” is held by {} customers or has history; merge it into another tag, or confirm the deletion",
            count(*customers)
        ),
        MergeIntoTagOnly => "tags can only be merged into a tag".into(),
        TagHeldNow { customers } => format!("{} customers hold it now", count(*customers)),
        NodesAddedBeneath => "other nodes were added beneath it".into(),
        UsedBySegmentOrRule => "a segment or rule uses it".into(),
        PlaceGone { name } => format!("the place of “{name}” no longer exists"),
        NothingBeingUndone => "nothing is being undone".into(),
        FieldInUse { name, users } => format!("“{name}” is used by {}", users.join(", ")),
        MergeNeedsSources => "choose at least one other tag to merge".into(),
        MergeOnlyTags => "only tags can be merged, not groups or categories".into(),
        ArchiveNeedsNodes => "choose at least one tag to archive".into(),
        CoreOnlyTags => "only tags can be core tags, not groups or categories".into(),
        HealthThresholdInvalid { parameter } => {
            format!("the setting {parameter} is outside its allowed range")
        }
        TrendRangeInvalid { max_points } => format!(
            "choose a range whose start is before its end, with at most {} points",
            count(*max_points as i64)
        ),
        OnlyTagsAssignable => {
            "only tags can be given to customers, not groups or categories".into()
        }
        TagArchived => "this tag is archived; restore it before using it".into(),
        NotStarterGroup { name } => format!("{name} is not a starter group"),
        SegmentInUse { name, users } => format!("“{name}” is used by {}", users.join(", ")),
        SegmentContainsItself { segment } => format!("segment {segment} would contain itself"),
        UnknownSegment { segment } => format!("unknown segment {segment}"),
        ChooseTags => "choose at least one tag".into(),
        UnknownTagGroup { group } => format!("unknown tag group {group}"),
        TagGroupEmpty { group } => format!("tag group {group} has no tags"),
        GroupConditionAll => "a group condition is “any of” or “none of” its tags".into(),
        UnknownField { field } => format!("unknown field “{field}”"),
        ChooseEventKind => "choose an event kind".into(),
        NegativeWindow => "a time window cannot be negative".into(),
        ValueNotNumber => "the value must be a number".into(),
        BetweenNeedsTwo => "“between” needs two values".into(),
        UnknownTag { tag } => format!("unknown tag {tag}"),
        ValueCount { field, op, need, given } => format!(
            "“{field}” {} needs {}, got {}",
            op_word(*op),
            match need {
                ValueNeed::One => "one value",
                ValueNeed::Two => "two values",
                ValueNeed::AtLeastOne => "at least one value",
            },
            count(*given)
        ),
        OperatorNotForKind { field, op, kind } => format!(
            "“{}” does not apply to the {} field “{field}”",
            op_word(*op),
            kind_word(*kind)
        ),
        DaysInvalid { value } => format!("“{value}” is not a number of days"),
        ValueInvalidFor { field, value, kind } => format!(
            "“{value}” is not {} for “{field}”",
            match kind {
                ValueKind::Date | ValueKind::Timestamp => "a date (YYYY-MM-DD)",
                _ => "a number",
            }
        ),
        NestsTooDeep { limit } => format!(
            "with the segments it uses, the condition nests more than {limit} levels deep"
        ),
        GroupsTooDeep { limit, segment: None } => {
            format!("groups nest more than {limit} levels deep")
        }
        GroupsTooDeep { limit, segment: Some(name) } => format!(
            "segment “{name}”, used here, nests groups more than {limit} levels deep"
        ),
        SegmentChainTooDeep { limit } => {
            format!("segments use segments more than {limit} deep")
        }
        OptionsRequired => "a choice field needs at least one option".into(),
        KindFixed => "the type of a field that holds values cannot change".into(),
        PropertyKeyTooLong => "a property key is too long".into(),
        PropertyTwice { name } => format!("the property “{name}” is listed twice"),
        TooManyProperties { limit } => format!("at most {limit} properties"),
        EventKindInUse { name, events, references } => format!(
            "“{name}” has {} events and is named by {} segments or rules; confirm to delete it with its events",
            count(*events),
            count(*references)
        ),
        TimeOutOfRange => "the time must be between 1900 and 2100".into(),
        AmountInvalid => "the amount is a number ≥ 0".into(),
        NotAProperty { key, kind } => {
            format!("“{key}” is not a property of “{kind}”; declare it first")
        }
        PropertyValueTooLong { limit } => {
            format!("a property value has at most {} characters", count(*limit))
        }
        UndeclaredEventKind { name } => {
            format!("“{name}” is not a declared event kind; declare it in Settings first")
        }
        RuleGivesTags => "a rule gives or removes a tag, not a group or category".into(),
        SingleSelectOnly => {
            "only a single-select group can be set to one tag; use “add tag” for others".into()
        }
        TagNotInGroup => "the tag does not belong to the group".into(),
        RuleDisabled => "this rule is disabled; enable it to run it, or preview it".into(),
        ChooseOrderKind => "choose the event kind of orders".into(),
        DaysBetween { min, max } => format!("between {} and {} days", count(*min), count(*max)),
        ScoreBetween { min, max } => format!("a score from {min} to {max}"),
        ThresholdsNegative => "thresholds are numbers of zero or more".into(),
        ThresholdsNotRising => "each list of thresholds rises from left to right".into(),
        AtLeastOneDay => "at least one day".into(),
        SilentAfterActive => "silent must reach further back than active".into(),
        HeaderRowMissing { row } => format!("the sheet has no row {}", count(*row)),
        ChooseMatchBy => {
            "choose how rows find their customer: phone, email or external id".into()
        }
        ChooseKeyColumn => "choose the column that holds the customer key".into(),
        ChooseKindColumn => {
            "choose the column that holds the event kind, or one kind for every row".into()
        }
        ChooseTimeColumn => "choose the column that holds the time".into(),
        ChooseNameColumn => "choose the column that holds the customers' names".into(),
        MappingEmpty => "the mapping is empty: every column is ignored".into(),
        TemplateMismatch { headers, columns } => {
            format!("{headers} headers but {columns} column meanings")
        }
        NoTagPath { item } => format!("no tag has the path “{item}”"),
        NoSuchTag { item } => format!("there is no tag “{item}”"),
        AmbiguousTag { item, paths } => format!(
            "“{item}” names {} tags ({}); write the full path",
            paths.len(),
            paths.join("; ")
        ),
        NewTagsGroupIsCategory { group } => format!(
            "new tags would go into a group “{group}”, but a category has that name; choose where new tags go"
        ),
        TagNameOccupied { name } => format!(
            "“{name}” is the name of an archived tag or another node there; restore or rename it first"
        ),
        TagItem { item, problem } => format!("“{item}”: {}", word(problem)),
        TwoSingleSelectTags { group } => {
            format!("two tags of the single-select group “{group}”")
        }
        DuplicateCustomer { first_row } => format!(
            "the same customer as row {}; this row was not imported",
            count(*first_row)
        ),
        DuplicateEventSkipped { first_row } => format!(
            "the same event as row {}; this row was not imported",
            count(*first_row)
        ),
        DuplicateEventKept { first_row } => format!(
            "the same event as row {}; both are imported (choose to skip repeated rows otherwise)",
            count(*first_row)
        ),
        OrderLineMerged { first_row } => format!(
            "another line of the order in row {}; its amount is added to that order",
            count(*first_row)
        ),
        TotalsRow => "a totals or count row; skipped".into(),
        SkippedNoKey => "no phone, email or external id; skipped as chosen".into(),
        ExternalIdInFile { value, first_row } => format!(
            "the external id “{value}” is already row {}'s",
            count(*first_row)
        ),
        ExternalIdHeld { value, name, deleted: true } => {
            format!("the external id “{value}” belongs to the deleted customer “{name}”")
        }
        ExternalIdHeld { value, name, deleted: false } => {
            format!("the external id “{value}” belongs to “{name}”")
        }
        KeyEmpty => "the customer key is empty".into(),
        NoCustomerWithKey { key } => format!("no customer has “{key}”"),
        TimeEmpty => "the time is empty".into(),
        EventKindEmpty => "the event kind is empty".into(),
        UnknownEventKindInFile { name } => format!(
            "“{name}” is not a declared event kind; declare it, or choose to create unknown kinds"
        ),
        ExchangeFileTruncated { file } => format!(
            "exchange file {file} is incomplete (still arriving, or cut short); it was skipped and is read again at the next exchange"
        ),
        ExchangeFileCorrupted { file } => format!(
            "exchange file {file} is damaged (its content does not match its checksum); it was skipped"
        ),
        ExchangeFileForeign { file } => {
            format!("exchange file {file} belongs to another team; it was refused")
        }
        ExchangeFileTooNew { file, found, supported } => format!(
            "exchange file {file} was written by a newer TagDesk (format {found}, this version reads up to {supported}); update TagDesk to read it"
        ),
        NotAnExchangeFile { file } => format!("{file} is not a TagDesk exchange file"),
        ExchangeFileWrongKind { file } => format!(
            "{file} is a TagDesk file of another kind (a sync pack, a snapshot or a shared-folder chunk); choose the right file"
        ),
        TeamFolderOtherTeam { folder, team } => format!(
            "folder {folder} belongs to another team, “{team}”; choose this team's folder"
        ),
        NotATeamFolder { folder } => format!(
            "folder {folder} is not a TagDesk team folder (it holds no readable team.json)"
        ),
        TeamFolderTooNew { folder, found, supported } => format!(
            "team folder {folder} was made by a newer TagDesk (format {found}, this version reads up to {supported}); update TagDesk"
        ),
        AlreadyInTeam => "this database already belongs to a team".into(),
        NotInTeam => "this database belongs to no team yet: start or join one first".into(),
        TeamHasNoSnapshot { folder } => format!(
            "team folder {folder} holds no snapshot to join from yet: ask the team's owner to exchange once"
        ),
        NotAnInvitation { file } => format!(
            "{file} is not a TagDesk invitation file; ask a colleague in the team to make one on the Team page"
        ),
        InvitationDamaged { file } => format!(
            "invitation file {file} is incomplete or damaged; ask for it to be sent again"
        ),
        InvitationTooNew { file, found, supported } => format!(
            "invitation file {file} was made by a newer TagDesk (format {found}, this version reads up to {supported}); update TagDesk to join with it"
        ),
        InboxCaseGone => "this case was decided already, or its customer or tag has been deleted since".into(),
        HubUnreachable { host, port } => format!("the team hub at {host}:{port} does not answer: check the address and the network; TagDesk keeps working offline and exchanges when it answers again"),
        HubLoginFailed { login } => format!("the team hub refused the login {login}: check the login name and password"),
        HubNoDatabase { database } => format!("the server has no database named {database}"),
        HubNotMember => "this login is not a member of the team on this hub (or was removed from it)".into(),
        HubNeedsAdmin => "only the team's owner and admins may do this".into(),
        HubOneOwner => "a team has one owner, who cannot be changed or removed".into(),
        HubNotSetUp => "this database holds no TagDesk hub yet: the team's owner sets it up first".into(),
        HubConnectionLost => "the connection to the team hub broke off; the next exchange tries again".into(),
        HubFailed => "the team hub could not do this; the next exchange tries again".into(),
        HubTooNew { found, supported } => format!("the team hub is of a newer version ({found}; this TagDesk speaks up to {supported}): update TagDesk"),
        HubOtherTeam => "this hub belongs to another team".into(),
        HubOlder { found, supported } => format!("the team hub is of an older version ({found}; this TagDesk needs {supported}): the team owner's TagDesk upgrades it at its next exchange, try again later"),
        HubHasNoSnapshot => "the team hub has no copy for you to join from yet: ask the team's owner or an admin to open TagDesk and exchange once; it uploads one".into(),
        HubViewerReadOnly => "the team hub refused this change: viewers cannot change anything; it stays on this laptop only".into(),
        HubGroupOwned { group, department } => format!("the team hub refused this change: the group {group} belongs to {department}; it stays on this laptop only"),
        HubAdminOnly { entity } => format!("the team hub refused this change: only admins and the owner may change {}; it stays on this laptop only", entity_en(entity)),
    }
}

fn list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn thing_word(thing: Thing) -> &'static str {
    match thing {
        Thing::Customer => "customer",
        Thing::CustomField => "custom field",
        Thing::EditedRecord => "edited record",
        Thing::Event => "event",
        Thing::EventKind => "event kind",
        Thing::ImportTemplate => "import template",
        Thing::Operation => "operation",
        Thing::Rule => "rule",
        Thing::Segment => "segment",
        Thing::Tag => "tag",
    }
}

fn op_word(op: FieldOp) -> &'static str {
    match op {
        FieldOp::Eq => "equals",
        FieldOp::Ne => "does not equal",
        FieldOp::In => "is one of",
        FieldOp::NotIn => "is none of",
        FieldOp::Contains => "contains",
        FieldOp::StartsWith => "starts with",
        FieldOp::Lt => "less than",
        FieldOp::Le => "at most",
        FieldOp::Gt => "greater than",
        FieldOp::Ge => "at least",
        FieldOp::Between => "between",
        FieldOp::IsEmpty => "is empty",
        FieldOp::IsNotEmpty => "is not empty",
        FieldOp::WithinLastDays => "within the last days",
        FieldOp::BeforeDaysAgo => "before days ago",
    }
}

fn kind_word(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Text => "text",
        ValueKind::Choice => "choice",
        ValueKind::MultiChoice => "multiple-choice",
        ValueKind::Number => "number",
        ValueKind::Date => "date",
        ValueKind::Timestamp => "time",
    }
}

/// The kinds of record only admins may change, as the hub names them.
fn entity_en(entity: &str) -> &str {
    match entity {
        "rule" => "rules",
        "custom_field" => "custom fields",
        "event_kind" => "event kinds",
        "rfm_settings" => "the RFM settings",
        "lifecycle_settings" => "the lifecycle settings",
        other => other,
    }
}
