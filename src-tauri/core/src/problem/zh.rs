//! The problems in Chinese: Chinese error reports and the CLI's `--language zh-CN`.

use super::language::count;
use super::{Problem, Thing, ValueNeed};
use crate::conditions::{fields::ValueKind, FieldOp};

pub(super) fn word(p: &Problem) -> String {
    use Problem::*;
    match p {
        DatabaseMissing { path } => format!("找不到数据库文件：{path}"),
        DatabaseCorrupt { path, detail } => {
            format!("数据库文件 {path} 已损坏，或不是 TagDesk 数据库（{detail}）")
        }
        DatabaseTooNew { path, found, supported } => format!(
            "数据库文件 {path} 由更新版本的 TagDesk 写入（结构版本 {found}，本版本最高支持 {supported}）"
        ),
        DatabaseEmpty { path } => format!("数据库文件 {path} 是空的（0 字节）"),
        DatabaseBusy { path } => format!("另一个程序正在使用数据库文件 {path}"),
        PassphraseNeeded { path } => format!("数据库文件 {path} 已加密，请输入密码"),
        PassphraseWrong { path } => format!("密码不正确，无法打开 {path}；没有做任何更改"),
        PassphraseTooShort { min } => format!("密码至少需要 {min} 个字符"),
        NotEncrypted => "数据库没有加密".into(),
        ReadOnlyOutdated { path, found, supported } => format!(
            "数据库文件 {path} 是只读的，且需要升级到本版本（结构版本 {found} 到 {supported}），升级需要写入文件"
        ),
        PathNotAllowed { path } => {
            format!("TagDesk 只写入你在保存对话框中选择的位置或其数据文件夹，不会写入 {path}")
        }
        FileExists { path } => format!("文件已存在，不会覆盖：{path}"),
        NotABackup { backup, database } => format!("{backup} 不是 {database} 的备份"),
        Cancelled => "已取消，没有做任何更改".into(),
        NoDatabase => "没有打开数据库".into(),
        Migration { detail } => format!("数据库升级失败：{detail}"),
        ReadOnly => "数据库文件以只读方式打开，更改未保存".into(),
        BusyWriting => "另一个程序正在使用数据库文件，更改未保存".into(),
        DamagedWriting => "数据库文件已损坏，更改未保存".into(),
        Internal => "发生了意外的内部问题，更改未保存".into(),
        FileError { detail } => format!("文件错误：{detail}"),
        WriteFailed { detail } => format!("无法写入文件：{detail}"),
        FileUnreadable { detail } if detail.is_empty() => "文件不存在或无法读取".into(),
        FileUnreadable { detail } => format!("无法读取文件：{detail}"),
        FileEmpty => "文件是空的（0 字节）".into(),
        FileBinary => "这是二进制文件而非文本，不是 CSV 文件".into(),
        WrongEncoding { encoding } => format!("文本不是有效的 {encoding} 编码，请手动选择文件编码"),
        UnknownEncoding { label } => format!("未知的编码“{label}”"),
        CsvRow { row, detail } => format!("第 {} 行：{detail}", count(*row)),
        SheetEmpty { sheet } => format!("工作表“{sheet}”没有数据"),
        SheetFull { sheet, limit } => format!(
            "工作表“{sheet}”占满了表格能容纳的全部 {} 行，保存时可能被截断了；请把数据拆成较小的文件",
            count(*limit)
        ),
        SheetUnreadable { sheet, detail } => format!("无法读取工作表“{sheet}”：{detail}"),
        NoSuchSheet { sheet } => format!("没有名为“{sheet}”的工作表"),
        NoVisibleSheet => "工作簿中没有可见的工作表".into(),
        NotSpreadsheet { extension } => format!(
            "TagDesk 无法读取“.{extension}”文件（请使用 .xlsx、.xls、.ods 或 .csv）"
        ),
        PlainTextWorkbook => {
            "文件内容是纯文本而非工作簿；如果它是 CSV 文件，请把扩展名改为 .csv".into()
        }
        NotWorkbook => "文件不是 Excel 或 OpenDocument 工作簿，与其扩展名不符".into(),
        WorkbookDamaged => "工作簿已损坏或不完整（可能在复制或下载时被截断）".into(),
        SpreadsheetUnreadable { detail } => format!("无法作为表格读取该文件：{detail}"),
        NoDataRows { sheet, header_row } => format!(
            "工作表“{sheet}”有表头行（第 {} 行），但下面没有数据行",
            count(*header_row)
        ),
        NotADictionary => "第一行没有“路径”列：这不是 TagDesk 标签字典".into(),
        DictionaryRow { row, problem } => format!("第 {} 行：{}", count(*row), word(problem)),
        NotFound { thing, id } => format!("找不到{} {id}", thing_word(*thing)),
        NothingToUndo { operation } => {
            format!("操作 {operation} 无法撤销：它已撤销过，或没有改动任何标签")
        }
        UndoBlocked { operation, later } => format!(
            "操作 {operation} 不能单独撤销：之后的操作 {} 改动了相同的标签或记录",
            list(later)
        ),
        SearchWithoutLetters { search } => {
            format!("搜索至少需要一个文字或数字，而不是“{search}”")
        }
        NameRequired => "请填写名称".into(),
        NameTooLong { limit } => format!("名称最多 {} 个字符", count(*limit)),
        NameTaken { name, existing } if name == existing => format!("名称“{name}”已被使用"),
        NameTaken { name, existing } => {
            format!("“{name}”与已有的“{existing}”重名（名称不区分大小写和全角半角）")
        }
        TagNameHasSlash => "标签名称不能包含“/”，它用来分隔标签路径的层级".into(),
        PhoneNotDigits { value } => format!("“{value}”含有数字以外的字符"),
        PhoneInvalid { value } => {
            format!("“{value}”不是手机号（以 1 开头的 11 位数字），也不是带区号的固话")
        }
        PhoneScientific { value } => format!(
            "“{value}”是科学计数法的电话号码，已丢失数字；请在表格中把该列设为文本格式"
        ),
        PhoneMasked { value } => format!(
            "“{value}”是隐藏了部分数字的手机号，无法据此找到客户；要导入这些行，请把该列设为“忽略”"
        ),
        EmailInvalid { value } => format!("“{value}”不是邮箱地址"),
        DateInvalid { value } => {
            format!("“{value}”不是日期（例如 2025-01-03、2025/1/3、2025年1月3日）")
        }
        TimeInvalid { value } => format!(
            "“{value}”不是时间（例如 2025-01-03 10:30、2025/1/3、2025年1月3日 9:05）"
        ),
        NumberInvalid { value } => format!("“{value}”不是数字"),
        GenderInvalid { value } => format!("“{value}”不是性别（男/女）"),
        CustomerTypeInvalid { value } => format!("“{value}”不是客户类型（个人/企业）"),
        NotOneOf { value, allowed } => {
            format!("“{value}”不在可选项中（{}）", allowed.join("、"))
        }
        OptionListExpected => "应为选项列表".into(),
        ExternalIdTaken { value } => format!("另一位客户已使用外部编号“{value}”"),
        ColorInvalid { value } => format!("“{value}”不是颜色（例如 #1677ff）"),
        GroupHasMultiHolders { customers } => format!(
            "{} 位客户持有本组的多个标签；在他们只持有一个之前，本组不能设为单选",
            count(*customers)
        ),
        MoveWouldDoubleSingle { customers } => format!(
            "{} 位客户已持有这个单选组的另一个标签",
            count(*customers)
        ),
        MergeWouldDoubleSingle { customers } => format!(
            "合并后 {} 位客户将持有同一单选组的两个标签",
            count(*customers)
        ),
        TagHoldsNothing => "标签下不能再放其他节点".into(),
        GroupHoldsOnlyTags => "标签组下只能放标签".into(),
        MoveInsideItself => "节点不能移到它自己里面".into(),
        TagInUse { name, customers } => format!(
            "“{name}”有 {} 位客户持有或有历史记录；请把它合并到另一个标签，或确认删除",
            count(*customers)
        ),
        MergeIntoTagOnly => "只能合并到一个标签".into(),
        TagHeldNow { customers } => format!("现在有 {} 位客户持有它", count(*customers)),
        NodesAddedBeneath => "它下面已添加了其他节点".into(),
        UsedBySegmentOrRule => "有分群或规则正在使用它".into(),
        PlaceGone { name } => format!("“{name}”原来的位置已不存在"),
        NothingBeingUndone => "没有正在撤销的操作".into(),
        FieldInUse { name, users } => {
            format!("“{name}”正被以下分群或规则使用：{}", users.join("、"))
        }
        MergeNeedsSources => "请至少选择一个要合并的其他标签".into(),
        MergeOnlyTags => "只能合并标签，不能合并标签组或分类".into(),
        ArchiveNeedsNodes => "请至少选择一个要归档的标签".into(),
        CoreOnlyTags => "只有标签可以设为核心标签，标签组和分类不行".into(),
        HealthThresholdInvalid { parameter } => format!("设置 {parameter} 超出了允许的范围"),
        TrendRangeInvalid { max_points } => format!(
            "请选择开始早于结束、最多 {} 个点的时间范围",
            count(*max_points as i64)
        ),
        OnlyTagsAssignable => "只能给客户打标签，不能打标签组或分类".into(),
        TagArchived => "该标签已归档；请先恢复再使用".into(),
        NotStarterGroup { name } => format!("{name} 不是预置的标签组"),
        SegmentInUse { name, users } => {
            format!("“{name}”正被以下分群或规则使用：{}", users.join("、"))
        }
        SegmentContainsItself { segment } => format!("分群 {segment} 会包含它自己"),
        UnknownSegment { segment } => format!("未知的分群 {segment}"),
        ChooseTags => "请至少选择一个标签".into(),
        UnknownTagGroup { group } => format!("未知的标签组 {group}"),
        TagGroupEmpty { group } => format!("标签组 {group} 中没有标签"),
        GroupConditionAll => "标签组条件只能是“任一”或“都不是”".into(),
        UnknownField { field } => format!("未知的字段“{field}”"),
        ChooseEventKind => "请选择事件类型".into(),
        NegativeWindow => "时间范围不能为负数".into(),
        ValueNotNumber => "值必须是数字".into(),
        BetweenNeedsTwo => "“介于”需要两个值".into(),
        UnknownTag { tag } => format!("未知的标签 {tag}"),
        ValueCount { field, op, need, given } => format!(
            "“{field}”{}需要{}，当前有 {} 个",
            op_word(*op),
            match need {
                ValueNeed::One => "一个值",
                ValueNeed::Two => "两个值",
                ValueNeed::AtLeastOne => "至少一个值",
            },
            count(*given)
        ),
        OperatorNotForKind { field, op, kind } => format!(
            "“{}”不适用于{}字段“{field}”",
            op_word(*op),
            kind_word(*kind)
        ),
        DaysInvalid { value } => format!("“{value}”不是天数"),
        ValueInvalidFor { field, value, kind } => format!(
            "“{value}”不是“{field}”的{}",
            match kind {
                ValueKind::Date | ValueKind::Timestamp => "日期（YYYY-MM-DD）",
                _ => "数字",
            }
        ),
        NestsTooDeep { limit } => format!("连同引用的分群，条件嵌套超过 {limit} 层"),
        GroupsTooDeep { limit, segment: None } => format!("条件组嵌套超过 {limit} 层"),
        GroupsTooDeep { limit, segment: Some(name) } => {
            format!("此处引用的分群“{name}”中条件组嵌套超过 {limit} 层")
        }
        SegmentChainTooDeep { limit } => format!("分群引用分群超过 {limit} 层"),
        OptionsRequired => "选项字段至少需要一个选项".into(),
        KindFixed => "已有值的字段不能更改类型".into(),
        PropertyKeyTooLong => "属性名太长".into(),
        PropertyTwice { name } => format!("属性“{name}”重复了"),
        TooManyProperties { limit } => format!("最多 {limit} 个属性"),
        EventKindInUse { name, events, references } => format!(
            "“{name}”有 {} 个事件，并被 {} 个分群或规则引用；确认后将连同其事件一起删除",
            count(*events),
            count(*references)
        ),
        TimeOutOfRange => "时间必须在 1900 年到 2100 年之间".into(),
        AmountInvalid => "金额必须是大于等于 0 的数字".into(),
        NotAProperty { key, kind } => format!("“{key}”不是“{kind}”的属性；请先声明"),
        PropertyValueTooLong { limit } => format!("属性值最多 {} 个字符", count(*limit)),
        UndeclaredEventKind { name } => {
            format!("“{name}”不是已声明的事件类型；请先在设置中声明")
        }
        RuleGivesTags => "规则只能添加或移除标签，不能是标签组或分类".into(),
        SingleSelectOnly => "只有单选组才能设为某个标签；其他情况请用“添加标签”".into(),
        TagNotInGroup => "该标签不属于这个组".into(),
        RuleDisabled => "该规则已停用；启用后才能运行，也可以预览".into(),
        ChooseOrderKind => "请选择表示订单的事件类型".into(),
        DaysBetween { min, max } => format!("应为 {} 到 {} 天", count(*min), count(*max)),
        ScoreBetween { min, max } => format!("应为 {min} 到 {max} 分"),
        ThresholdsNegative => "阈值必须是大于等于 0 的数字".into(),
        ThresholdsNotRising => "每组阈值必须从左到右递增".into(),
        AtLeastOneDay => "至少一天".into(),
        SilentAfterActive => "沉默的天数必须大于活跃的天数".into(),
        HeaderRowMissing { row } => format!("工作表没有第 {} 行", count(*row)),
        ChooseMatchBy => "请选择每行如何找到客户：手机、邮箱或外部编号".into(),
        ChooseKeyColumn => "请选择存放客户标识的列".into(),
        ChooseKindColumn => "请选择存放事件类型的列，或为所有行指定一种类型".into(),
        ChooseTimeColumn => "请选择存放时间的列".into(),
        ChooseNameColumn => "请选择存放客户姓名的列".into(),
        MappingEmpty => "映射为空：所有列都被忽略了".into(),
        TemplateMismatch { headers, columns } => {
            format!("有 {headers} 个表头，却有 {columns} 个列含义")
        }
        NoTagPath { item } => format!("没有路径为“{item}”的标签"),
        NoSuchTag { item } => format!("没有标签“{item}”"),
        AmbiguousTag { item, paths } => format!(
            "“{item}”对应 {} 个标签（{}）；请写完整路径",
            paths.len(),
            paths.join("；")
        ),
        NewTagsGroupIsCategory { group } => format!(
            "新标签将放入标签组“{group}”，但已有同名分类；请选择新标签放在哪里"
        ),
        TagNameOccupied { name } => {
            format!("“{name}”是该处已归档标签或其他节点的名称；请先恢复或改名")
        }
        TagItem { item, problem } => format!("“{item}”：{}", word(problem)),
        TwoSingleSelectTags { group } => format!("同一行有单选组“{group}”的两个标签"),
        DuplicateCustomer { first_row } => {
            format!("与第 {} 行是同一位客户；此行未导入", count(*first_row))
        }
        DuplicateEventSkipped { first_row } => {
            format!("与第 {} 行是同一事件；此行未导入", count(*first_row))
        }
        DuplicateEventKept { first_row } => format!(
            "与第 {} 行是同一事件；两行都会导入（也可以选择跳过重复行）",
            count(*first_row)
        ),
        OrderLineMerged { first_row } => format!(
            "同一订单的另一行：金额已计入第 {} 行的订单",
            count(*first_row)
        ),
        TotalsRow => "合计或汇总行，已跳过".into(),
        SkippedNoKey => "没有手机、邮箱或外部编号；按设置跳过".into(),
        ExternalIdInFile { value, first_row } => {
            format!("外部编号“{value}”已用于第 {} 行", count(*first_row))
        }
        ExternalIdHeld { value, name, deleted: true } => {
            format!("外部编号“{value}”属于已删除的客户“{name}”")
        }
        ExternalIdHeld { value, name, deleted: false } => {
            format!("外部编号“{value}”属于“{name}”")
        }
        KeyEmpty => "客户标识为空".into(),
        NoCustomerWithKey { key } => format!("找不到标识为“{key}”的客户"),
        TimeEmpty => "时间为空".into(),
        EventKindEmpty => "事件类型为空".into(),
        UnknownEventKindInFile { name } => format!(
            "“{name}”不是已声明的事件类型；请先声明，或选择自动创建未知类型"
        ),
        ExchangeFileTruncated { file } => {
            format!("交换文件 {file} 不完整（可能仍在同步中或被截断），已跳过，下次同步时会重新读取")
        }
        ExchangeFileCorrupted { file } => {
            format!("交换文件 {file} 已损坏（内容与校验值不符），已跳过")
        }
        ExchangeFileForeign { file } => format!("交换文件 {file} 属于另一个团队，已拒绝"),
        ExchangeFileTooNew { file, found, supported } => format!(
            "交换文件 {file} 由更新版本的 TagDesk 写入（格式版本 {found}，本版本最高支持 {supported}），请更新 TagDesk 后再读取"
        ),
        NotAnExchangeFile { file } => format!("{file} 不是 TagDesk 交换文件"),
        ExchangeFileWrongKind { file } => format!(
            "{file} 是另一种 TagDesk 文件（同步包、快照或共享文件夹数据块），请选择正确的文件"
        ),
        TeamFolderOtherTeam { folder, team } => {
            format!("文件夹 {folder} 属于另一个团队“{team}”，请选择本团队的文件夹")
        }
        NotATeamFolder { folder } => {
            format!("文件夹 {folder} 不是 TagDesk 团队文件夹（没有可读的 team.json）")
        }
        TeamFolderTooNew { folder, found, supported } => format!(
            "团队文件夹 {folder} 由更新版本的 TagDesk 创建（格式版本 {found}，本版本最高支持 {supported}），请更新 TagDesk"
        ),
        AlreadyInTeam => "这个数据库已经属于一个团队".into(),
        NotInTeam => "这个数据库还不属于任何团队：请先创建或加入团队".into(),
        TeamHasNoSnapshot { folder } => {
            format!("团队文件夹 {folder} 里还没有可加入的数据快照：请团队创建者先同步一次")
        }
        NotAnInvitation { file } => {
            format!("{file} 不是 TagDesk 邀请文件：请团队里的同事在“团队”页生成邀请文件")
        }
        InvitationDamaged { file } => {
            format!("邀请文件 {file} 不完整或已损坏，请让对方重新发送")
        }
        InvitationTooNew { file, found, supported } => format!(
            "邀请文件 {file} 由更新版本的 TagDesk 生成（格式版本 {found}，本版本最高支持 {supported}），请更新 TagDesk 后再加入"
        ),
        InboxCaseGone => "这条冲突已处理过，或其中的客户或标签已被删除".into(),
        HubUnreachable { host, port } => format!("团队中心 {host}:{port} 没有响应：请检查地址和网络；TagDesk 会继续离线工作，连上后再同步"),
        HubLoginFailed { login } => format!("团队中心拒绝了登录名 {login}：请检查登录名和密码"),
        HubNoDatabase { database } => format!("服务器上没有名为 {database} 的数据库"),
        HubNotMember => "这个登录名不是此团队中心的成员（或已被移出团队）".into(),
        HubNeedsAdmin => "只有团队所有者和管理员可以这样做".into(),
        HubOneOwner => "一个团队只有一位所有者，不能更改或移除".into(),
        HubNotSetUp => "这个数据库里还没有 TagDesk 团队中心：请团队所有者先创建".into(),
        HubConnectionLost => "与团队中心的连接中断了；下次同步会重试".into(),
        HubFailed => "团队中心未能完成这项操作；下次同步会重试".into(),
        HubTooNew { found, supported } => format!("团队中心的版本较新（{found}，本版本 TagDesk 最高支持 {supported}）：请更新 TagDesk"),
        HubOtherTeam => "这个团队中心属于另一个团队".into(),
        HubOlder { found, supported } => format!("团队中心的版本较旧（{found}，本版本 TagDesk 需要 {supported}）：团队所有者的 TagDesk 下次同步时会自动升级它，请稍后再试"),
        HubHasNoSnapshot => "团队中心里还没有可供你加入的数据副本：请团队所有者或管理员打开 TagDesk 并同步一次，它会上传副本".into(),
        HubViewerReadOnly => "团队中心拒绝了这项修改：只读成员不能修改任何内容；修改只保留在这台电脑上".into(),
        HubGroupOwned { group, department } => format!("团队中心拒绝了这项修改：标签组“{group}”归{department}管理；修改只保留在这台电脑上"),
        HubAdminOnly { entity } => format!("团队中心拒绝了这项修改：只有管理员和所有者可以修改{}；修改只保留在这台电脑上", entity_zh(entity)),
    }
}

fn list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

fn thing_word(thing: Thing) -> &'static str {
    match thing {
        Thing::Customer => "客户",
        Thing::CustomField => "自定义字段",
        Thing::EditedRecord => "被编辑的记录",
        Thing::Event => "事件",
        Thing::EventKind => "事件类型",
        Thing::ImportTemplate => "导入模板",
        Thing::Operation => "操作",
        Thing::Rule => "规则",
        Thing::Segment => "分群",
        Thing::Tag => "标签",
    }
}

fn op_word(op: FieldOp) -> &'static str {
    match op {
        FieldOp::Eq => "等于",
        FieldOp::Ne => "不等于",
        FieldOp::In => "是其中之一",
        FieldOp::NotIn => "不是其中任何一个",
        FieldOp::Contains => "包含",
        FieldOp::StartsWith => "开头是",
        FieldOp::Lt => "小于",
        FieldOp::Le => "不大于",
        FieldOp::Gt => "大于",
        FieldOp::Ge => "不小于",
        FieldOp::Between => "介于",
        FieldOp::IsEmpty => "为空",
        FieldOp::IsNotEmpty => "不为空",
        FieldOp::WithinLastDays => "在最近几天内",
        FieldOp::BeforeDaysAgo => "在几天之前",
    }
}

fn kind_word(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Text => "文本",
        ValueKind::Choice => "单选",
        ValueKind::MultiChoice => "多选",
        ValueKind::Number => "数字",
        ValueKind::Date => "日期",
        ValueKind::Timestamp => "时间",
    }
}

/// The kinds of record only admins may change, as the hub names them.
fn entity_zh(entity: &str) -> &str {
    match entity {
        "rule" => "规则",
        "custom_field" => "自定义字段",
        "event_kind" => "事件类型",
        "rfm_settings" => "RFM 设置",
        "lifecycle_settings" => "生命周期设置",
        other => other,
    }
}
