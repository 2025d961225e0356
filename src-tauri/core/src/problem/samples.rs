//! One example of every problem, for the tests that keep the wording tables complete: the
//! Rust tables word each, and the UI's test words each in both languages.

use super::{Problem, Problem::*, Thing, ValueNeed};
use crate::conditions::{fields::ValueKind, FieldOp};

pub fn all() -> Vec<Problem> {
    let s = |v: &str| v.to_string();
    let path = || s("/home/李娜/客户.sqlite");
    vec![
        DatabaseMissing { path: path() },
        DatabaseCorrupt {
            path: path(),
            detail: s("file is not a database"),
        },
        DatabaseTooNew {
            path: path(),
            found: 9,
            supported: 7,
        },
        DatabaseEmpty { path: path() },
        DatabaseBusy { path: path() },
        PassphraseNeeded { path: path() },
        PassphraseWrong { path: path() },
        PassphraseTooShort { min: 8 },
        NotEncrypted,
        ReadOnlyOutdated {
            path: path(),
            found: 3,
            supported: 7,
        },
        PathNotAllowed { path: path() },
        FileExists { path: path() },
        NotABackup {
            backup: s("/tmp/a.sqlite"),
            database: path(),
        },
        Cancelled,
        NoDatabase,
        Migration {
            detail: s("no such table"),
        },
        ReadOnly,
        BusyWriting,
        DamagedWriting,
        Internal,
        FileError {
            detail: s("permission denied"),
        },
        WriteFailed {
            detail: s("disk full"),
        },
        FileUnreadable {
            detail: s("permission denied"),
        },
        FileEmpty,
        FileBinary,
        WrongEncoding { encoding: s("GBK") },
        UnknownEncoding {
            label: s("latin-9"),
        },
        CsvRow {
            row: 12,
            detail: s("unequal lengths"),
        },
        SheetEmpty { sheet: s("客户") },
        SheetFull {
            sheet: s("客户"),
            limit: 1_048_576,
        },
        SheetUnreadable {
            sheet: s("客户"),
            detail: s("bad zip"),
        },
        NoSuchSheet { sheet: s("订单") },
        NoVisibleSheet,
        NotSpreadsheet {
            extension: s("pdf"),
        },
        PlainTextWorkbook,
        NotWorkbook,
        WorkbookDamaged,
        SpreadsheetUnreadable {
            detail: s("bad zip"),
        },
        NoDataRows {
            sheet: s("客户"),
            header_row: 1,
        },
        NotADictionary,
        DictionaryRow {
            row: 4,
            problem: Box::new(TagNameHasSlash),
        },
        NotFound {
            thing: Thing::Segment,
            id: s("7"),
        },
        NothingToUndo { operation: 12 },
        UndoBlocked {
            operation: 12,
            later: vec![13, 15],
        },
        SearchWithoutLetters { search: s("--") },
        NameRequired,
        NameTooLong { limit: 100 },
        NameTaken {
            name: s("ＶＩＰ"),
            existing: s("VIP"),
        },
        TagNameHasSlash,
        PhoneNotDigits {
            value: s("138-abc"),
        },
        PhoneInvalid { value: s("12345") },
        PhoneScientific {
            value: s("1.38123E+10"),
        },
        PhoneMasked {
            value: s("138****8000"),
        },
        EmailInvalid { value: s("li@") },
        DateInvalid {
            value: s("2025-13-01"),
        },
        TimeInvalid { value: s("25:99") },
        NumberInvalid { value: s("十二") },
        GenderInvalid { value: s("x") },
        CustomerTypeInvalid { value: s("x") },
        NotOneOf {
            value: s("金卡"),
            allowed: vec![s("银卡"), s("普通")],
        },
        OptionListExpected,
        ExternalIdTaken { value: s("C-001") },
        ColorInvalid { value: s("red") },
        GroupHasMultiHolders { customers: 1_200 },
        MoveWouldDoubleSingle { customers: 3 },
        MergeWouldDoubleSingle { customers: 3 },
        TagHoldsNothing,
        GroupHoldsOnlyTags,
        MoveInsideItself,
        TagInUse {
            name: s("高活跃"),
            customers: 1_234,
        },
        MergeIntoTagOnly,
        TagHeldNow { customers: 1_500 },
        NodesAddedBeneath,
        UsedBySegmentOrRule,
        PlaceGone { name: s("高活") },
        NothingBeingUndone,
        FieldInUse {
            name: s("预算"),
            users: vec![s("高预算客户")],
        },
        MergeNeedsSources,
        MergeOnlyTags,
        ArchiveNeedsNodes,
        CoreOnlyTags,
        HealthThresholdInvalid {
            parameter: s("jaccard_min"),
        },
        TrendRangeInvalid { max_points: 400 },
        OnlyTagsAssignable,
        TagArchived,
        NotStarterGroup {
            name: s("生命周期"),
        },
        SegmentInUse {
            name: s("高价值"),
            users: vec![s("复购客户"), s("规则：沉默提醒")],
        },
        SegmentContainsItself { segment: 3 },
        UnknownSegment { segment: 3 },
        ChooseTags,
        UnknownTagGroup { group: 4 },
        TagGroupEmpty { group: 4 },
        GroupConditionAll,
        UnknownField {
            field: s("shoe_size"),
        },
        ChooseEventKind,
        NegativeWindow,
        ValueNotNumber,
        BetweenNeedsTwo,
        UnknownTag { tag: 9 },
        ValueCount {
            field: s("city"),
            op: FieldOp::Eq,
            need: ValueNeed::One,
            given: 0,
        },
        OperatorNotForKind {
            field: s("city"),
            op: FieldOp::Lt,
            kind: ValueKind::Text,
        },
        DaysInvalid { value: s("三十") },
        ValueInvalidFor {
            field: s("birthday"),
            value: s("昨天"),
            kind: ValueKind::Date,
        },
        NestsTooDeep { limit: 20 },
        GroupsTooDeep {
            limit: 8,
            segment: Some(s("高价值")),
        },
        SegmentChainTooDeep { limit: 8 },
        OptionsRequired,
        KindFixed,
        PropertyKeyTooLong,
        PropertyTwice { name: s("门店") },
        TooManyProperties { limit: 20 },
        EventKindInUse {
            name: s("下单"),
            events: 12_000,
            references: 2,
        },
        TimeOutOfRange,
        AmountInvalid,
        NotAProperty {
            key: s("颜色"),
            kind: s("下单"),
        },
        PropertyValueTooLong { limit: 500 },
        UndeclaredEventKind { name: s("退货") },
        RuleGivesTags,
        SingleSelectOnly,
        TagNotInGroup,
        RuleDisabled,
        ChooseOrderKind,
        DaysBetween { min: 1, max: 3650 },
        ScoreBetween { min: 1, max: 5 },
        ThresholdsNegative,
        ThresholdsNotRising,
        AtLeastOneDay,
        SilentAfterActive,
        HeaderRowMissing { row: 40 },
        ChooseMatchBy,
        ChooseKeyColumn,
        ChooseKindColumn,
        ChooseTimeColumn,
        ChooseNameColumn,
        MappingEmpty,
        TemplateMismatch {
            headers: 5,
            columns: 4,
        },
        NoTagPath {
            item: s("会员/金卡"),
        },
        NoSuchTag { item: s("金卡") },
        AmbiguousTag {
            item: s("金卡"),
            paths: vec![s("会员/金卡"), s("旧会员/金卡")],
        },
        NewTagsGroupIsCategory { group: s("标签") },
        TagNameOccupied { name: s("金卡") },
        TagItem {
            item: s("a/b"),
            problem: Box::new(NameTooLong { limit: 40 }),
        },
        TwoSingleSelectTags {
            group: s("会员等级"),
        },
        DuplicateCustomer { first_row: 3 },
        DuplicateEventSkipped { first_row: 3 },
        DuplicateEventKept { first_row: 3 },
        OrderLineMerged { first_row: 3 },
        TotalsRow,
        SkippedNoKey,
        ExternalIdInFile {
            value: s("C-001"),
            first_row: 2,
        },
        ExternalIdHeld {
            value: s("C-001"),
            name: s("王芳"),
            deleted: true,
        },
        KeyEmpty,
        NoCustomerWithKey {
            key: s("13800000000"),
        },
        TimeEmpty,
        EventKindEmpty,
        UnknownEventKindInFile { name: s("退货") },
        ExchangeFileTruncated {
            file: s("ops-41-57.tdx"),
        },
        ExchangeFileCorrupted {
            file: s("ops-41-57.tdx"),
        },
        ExchangeFileForeign {
            file: s("李娜.tdpack"),
        },
        ExchangeFileTooNew {
            file: s("ops-41-57.tdx"),
            found: 2,
            supported: 1,
        },
        NotAnExchangeFile {
            file: s("客户.xlsx"),
        },
        ExchangeFileWrongKind {
            file: s("李娜.tdpack"),
        },
        TeamFolderOtherTeam {
            folder: s("D:/坚果云/TagDesk-华北-1a2b3c4d"),
            team: s("华北销售部"),
        },
        NotATeamFolder {
            folder: s("D:/坚果云/资料"),
        },
        TeamFolderTooNew {
            folder: s("D:/坚果云/TagDesk-华东-7f3a9c21"),
            found: 2,
            supported: 1,
        },
        AlreadyInTeam,
        NotInTeam,
        TeamHasNoSnapshot {
            folder: s("D:/坚果云/TagDesk-华东-7f3a9c21"),
        },
        NotAnInvitation {
            file: s("客户.xlsx"),
        },
        InvitationDamaged {
            file: s("加入-华东销售.tagdesk-invite"),
        },
        InvitationTooNew {
            file: s("加入-华东销售.tagdesk-invite"),
            found: 2,
            supported: 1,
        },
        InboxCaseGone,
        HubUnreachable {
            host: s("192.168.1.20"),
            port: 5432,
        },
        HubLoginFailed { login: s("lina") },
        HubNoDatabase {
            database: s("tagdesk"),
        },
        HubNotMember,
        HubNeedsAdmin,
        HubOneOwner,
        HubNotSetUp,
        HubConnectionLost,
        HubFailed,
        HubTooNew {
            found: 2,
            supported: 1,
        },
        HubOlder {
            found: 3,
            supported: 4,
        },
        HubOtherTeam,
        HubHasNoSnapshot,
        HubViewerReadOnly,
        HubGroupOwned {
            group: s("营销渠道"),
            department: s("市场部"),
        },
        HubAdminOnly { entity: s("rule") },
    ]
}
