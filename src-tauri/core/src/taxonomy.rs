//! The starter tag tree practitioners use (维度 → 主题 → 标签), so a new team does not begin
//! from a blank page. The demo database is built on it.

use crate::tags::SelectMode;

/// A group a computation owns (RFM, lifecycle), in English, for a database created in English
/// (see [`crate::starter_language`]); `chinese` names the group of [`STARTER_TREE`] it words,
/// and the tags are in that group's order.
pub struct OwnedInEnglish {
    pub chinese: &'static str,
    pub dimension: &'static str,
    pub group: &'static str,
    pub meaning: &'static str,
    pub update_frequency: &'static str,
    pub tags: &'static [&'static str],
}

pub const OWNED_IN_ENGLISH: &[OwnedInEnglish] = &[
    OwnedInEnglish {
        chinese: "RFM 客户价值",
        dimension: "Value",
        group: "RFM customer value",
        meaning: "Eight classes by recency, frequency and monetary value of orders",
        update_frequency: "Daily",
        tags: &[
            "Important value",
            "Important to develop",
            "Important to keep",
            "Important to win back",
            "General value",
            "General to develop",
            "General to keep",
            "General to win back",
        ],
    },
    OwnedInEnglish {
        chinese: "生命周期",
        dimension: "Status",
        group: "Lifecycle",
        meaning: "Stages by sign-up, first order and the last interaction",
        update_frequency: "Daily",
        tags: &["Prospect", "New", "Active", "Silent", "Lost"],
    },
];

pub struct Dimension {
    pub name: &'static str,
    pub color: &'static str,
    pub groups: &'static [Group],
}

pub struct Group {
    pub name: &'static str,
    pub select: SelectMode,
    pub automatic: bool,
    pub meaning: &'static str,
    pub update_frequency: &'static str,
    pub tags: &'static [&'static str],
}

const fn g(
    name: &'static str,
    select: SelectMode,
    automatic: bool,
    meaning: &'static str,
    update_frequency: &'static str,
    tags: &'static [&'static str],
) -> Group {
    Group {
        name,
        select,
        automatic,
        meaning,
        update_frequency,
        tags,
    }
}

use SelectMode::{Multi, Single};

pub const STARTER_TREE: &[Dimension] = &[
    Dimension {
        name: "基础属性",
        color: "#1677ff",
        groups: &[
            g(
                "客户来源",
                Single,
                false,
                "客户首次接触我们的渠道",
                "新建时",
                &[
                    "信息流",
                    "电商平台",
                    "官网",
                    "公众号",
                    "微信群",
                    "线下展会",
                    "客户转介绍",
                    "搜索引擎",
                ],
            ),
            g(
                "客户类型",
                Single,
                false,
                "个人或企业客户",
                "新建时",
                &["个人", "企业 (B2B)", "企业 (B2C)"],
            ),
            g(
                "客户等级",
                Single,
                false,
                "会员或客户分级",
                "每月",
                &["普通", "银卡", "金卡", "VIP"],
            ),
            g(
                "行业",
                Single,
                false,
                "客户所在行业",
                "每季度",
                &["制造业", "金融", "互联网", "教育", "零售", "医疗"],
            ),
            g(
                "职位",
                Single,
                false,
                "联系人在采购中的角色",
                "每季度",
                &["决策者", "采购经理", "技术负责人", "使用者"],
            ),
            g(
                "企业规模",
                Single,
                false,
                "企业员工人数",
                "每年",
                &["20人以下", "20-200人", "200人以上"],
            ),
            g(
                "地域",
                Single,
                false,
                "客户所在大区",
                "新建时",
                &["华东", "华北", "华南", "华中", "西南", "西北", "东北"],
            ),
        ],
    },
    Dimension {
        name: "行为特征",
        color: "#fa8c16",
        groups: &[
            g(
                "活跃度",
                Single,
                true,
                "最近30天的访问与互动频率",
                "每日",
                &["高活", "中活", "低活"],
            ),
            g(
                "浏览行为",
                Multi,
                true,
                "官网与产品页的浏览行为",
                "每日",
                &[
                    "访问定价页3次以上",
                    "浏览产品A",
                    "收藏未购买",
                    "观看产品视频教程",
                ],
            ),
            g(
                "互动",
                Multi,
                true,
                "与内容和活动的互动",
                "每日",
                &[
                    "下载了产品对比报告",
                    "提交表单",
                    "直播间停留超过10分钟",
                    "打开邮件未点击",
                ],
            ),
        ],
    },
    Dimension {
        name: "价值",
        color: "#cf1322",
        groups: &[
            g(
                "RFM 客户价值",
                Single,
                true,
                "按最近消费、消费频次、消费金额划分的八类客户",
                "每日",
                &[
                    "重要价值",
                    "重要发展",
                    "重要保持",
                    "重要挽留",
                    "一般价值",
                    "一般发展",
                    "一般保持",
                    "一般挽留",
                ],
            ),
            g(
                "价值分层",
                Single,
                false,
                "综合贡献的分层",
                "每月",
                &["高价值", "成长型", "普通", "低价值"],
            ),
        ],
    },
    Dimension {
        name: "偏好",
        color: "#722ed1",
        groups: &[
            g(
                "品类偏好",
                Multi,
                false,
                "感兴趣的商品品类",
                "每月",
                &["母婴", "美妆", "数码", "户外运动", "科技爱好者"],
            ),
            g(
                "价格敏感度",
                Single,
                false,
                "对价格与促销的反应",
                "每季度",
                &["促销敏感", "价格不敏感"],
            ),
            g(
                "渠道偏好",
                Single,
                false,
                "偏好的购买渠道",
                "每季度",
                &["线上", "线下门店"],
            ),
        ],
    },
    Dimension {
        name: "状态",
        color: "#13a8a8",
        groups: &[
            g(
                "生命周期",
                Single,
                true,
                "按注册、首单与最近互动划分的阶段",
                "每日",
                &["潜客", "新客", "活跃", "沉默", "流失"],
            ),
            g(
                "跟进状态",
                Single,
                false,
                "销售跟进所处环节",
                "随时",
                &["待链接", "待唤醒", "待邀约", "待复购", "成交", "未成交"],
            ),
            g(
                "服务状态",
                Multi,
                false,
                "售前售后服务情况",
                "随时",
                &[
                    "售前咨询中",
                    "投诉处理中",
                    "售后跟进期",
                    "历史问题_发票错误",
                ],
            ),
        ],
    },
    Dimension {
        name: "营销",
        color: "#52c41a",
        groups: &[
            g(
                "营销响应",
                Multi,
                true,
                "对营销触达的响应",
                "每周",
                &["邮件打开", "短信回复", "活动参与"],
            ),
            g(
                "持有产品",
                Multi,
                false,
                "已购买的产品",
                "随时",
                &["企业版", "标准版", "产品A", "产品B"],
            ),
        ],
    },
    Dimension {
        name: "业务",
        color: "#eb2f96",
        groups: &[g(
            "商机",
            Multi,
            false,
            "销售判断的商机信号",
            "随时",
            &["预算充足", "决策链关键人"],
        )],
    },
    Dimension {
        name: "早期用户",
        color: "#faad14",
        groups: &[g(
            "种子用户",
            Multi,
            false,
            "早期用户的来源与角色",
            "随时",
            &["种子用户", "产品试用者", "微信群来源"],
        )],
    },
];
