//! Reading tags out of cells: several per cell (separated by , ， 、 ; ； |), by name or by
//! full path (行为特征/活跃度/高活), and what to do with names the tree does not have.

use super::UnknownTags;
use crate::problem::Problem;
use crate::tags::{name_key, NodeKind, SelectMode, TagNode};
use std::collections::{HashMap, HashSet};

/// A tag a row names: one that exists, or one the import will create.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TagRef {
    Existing(i64),
    New { parent: Parent, name: String },
}

/// Where a tag the import creates goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Parent {
    Node(i64),
    /// The nodes of a path that the tree lacks (categories, then the group), created with the
    /// nodes of the path that exist reused: a group at the root named after the column, or a
    /// full path exported from another database.
    NewPath(Vec<String>),
}

/// The tree, indexed for lookups by name, by path and by group.
pub struct TagIndex {
    by_path: HashMap<String, i64>,
    by_name: HashMap<String, Vec<i64>>,
    paths: HashMap<i64, String>,
    parent: HashMap<i64, Option<i64>>,
    single_groups: HashMap<i64, String>,
    /// Root groups by folded name: where a tags column's new tags go.
    root_groups: HashMap<String, i64>,
    /// (parent, folded name) of every node a new tag may not be named after: groups,
    /// categories and archived tags are siblings too.
    taken: HashSet<(Option<i64>, String)>,
}

impl TagIndex {
    pub fn new(nodes: &[TagNode]) -> TagIndex {
        let live: Vec<&TagNode> = nodes.iter().filter(|n| !n.deleted).collect();
        let by_id: HashMap<i64, &TagNode> = live.iter().map(|n| (n.id, *n)).collect();
        let mut index = TagIndex {
            by_path: HashMap::new(),
            by_name: HashMap::new(),
            paths: HashMap::new(),
            parent: HashMap::new(),
            single_groups: HashMap::new(),
            root_groups: HashMap::new(),
            taken: HashSet::new(),
        };
        for n in &live {
            index.parent.insert(n.id, n.parent_id);
            if n.kind != NodeKind::Tag || n.archived {
                index.taken.insert((n.parent_id, name_key(&n.name)));
            }
            if n.kind == NodeKind::Group && n.parent_id.is_none() {
                index.root_groups.insert(name_key(&n.name), n.id);
            }
            if n.kind == NodeKind::Group && n.select_mode == Some(SelectMode::Single) {
                index.single_groups.insert(n.id, n.name.clone());
            }
            if n.kind != NodeKind::Tag || n.archived {
                continue;
            }
            let path = crate::tags::path_of(&by_id, n.id);
            let key_path = path
                .split(" / ")
                .map(name_key)
                .collect::<Vec<_>>()
                .join("/");
            index.by_path.insert(key_path, n.id);
            index
                .by_name
                .entry(name_key(&n.name))
                .or_default()
                .push(n.id);
            index.paths.insert(n.id, path);
        }
        index
    }

    /// The tag a cell item of the column `header` names. `within` limits names to one
    /// group's tags.
    pub fn resolve(
        &self,
        item: &str,
        within: Option<i64>,
        unknown: UnknownTags,
        header: &str,
    ) -> Result<TagRef, Problem> {
        let item = item.trim();
        if item.contains('/') {
            let key = item
                .split('/')
                .map(|p| name_key(p.trim()))
                .collect::<Vec<_>>()
                .join("/");
            return match (self.by_path.get(&key), unknown, within) {
                (Some(id), _, _) => Ok(TagRef::Existing(*id)),
                // Where new tags go "as the file says" (a new database), a path makes its nodes.
                (None, UnknownTags::Create { parent_id: None }, None) => self.new_path(item),
                (None, _, _) => Err(Problem::NoTagPath {
                    item: item.to_string(),
                }),
            };
        }
        let matches: Vec<i64> = self
            .by_name
            .get(&name_key(item))
            .map(|ids| {
                ids.iter()
                    .copied()
                    .filter(|id| {
                        within.is_none() || self.parent.get(id).copied().flatten() == within
                    })
                    .collect()
            })
            .unwrap_or_default();
        match (matches.as_slice(), unknown) {
            ([one], _) => Ok(TagRef::Existing(*one)),
            ([], UnknownTags::Create { parent_id }) => {
                self.new_tag(item, within.or(parent_id), header)
            }
            ([], UnknownTags::Reject) => Err(Problem::NoSuchTag {
                item: item.to_string(),
            }),
            (several, _) => Err(Problem::AmbiguousTag {
                item: item.to_string(),
                paths: several
                    .iter()
                    .filter_map(|id| self.paths.get(id))
                    .cloned()
                    .collect(),
            }),
        }
    }

    /// A tag to create under `parent`, or under a root group named after the column; checked
    /// as creating it will check it, so the run never refuses what the plan accepted.
    fn new_tag(&self, item: &str, parent: Option<i64>, header: &str) -> Result<TagRef, Problem> {
        let name = tag_name(item, item)?;
        let parent = match parent {
            Some(id) => Parent::Node(id),
            None => {
                let group = crate::tags::clean_name(header).unwrap_or_else(|_| "标签".into());
                match self.root_groups.get(&name_key(&group)) {
                    Some(id) => Parent::Node(*id),
                    None if self.taken.contains(&(None, name_key(&group))) => {
                        return Err(Problem::NewTagsGroupIsCategory { group })
                    }
                    None => Parent::NewPath(vec![group]),
                }
            }
        };
        if let Parent::Node(id) = parent {
            if self.taken.contains(&(Some(id), name_key(&name))) {
                return Err(Problem::TagNameOccupied { name });
            }
        }
        Ok(TagRef::New { parent, name })
    }

    /// A tag at the path `item`, whose missing nodes the import creates.
    fn new_path(&self, item: &str) -> Result<TagRef, Problem> {
        let segments = item
            .split('/')
            .map(|part| tag_name(part, item))
            .collect::<Result<Vec<String>, Problem>>()?;
        let Some((name, prefix)) = segments.split_last() else {
            return Err(Problem::NoTagPath {
                item: item.to_string(),
            });
        };
        Ok(TagRef::New {
            parent: Parent::NewPath(prefix.to_vec()),
            name: name.clone(),
        })
    }

    /// The single-select group a tag belongs to, if any, with its name.
    pub fn single_group_of(&self, tag: &TagRef) -> Option<(i64, &str)> {
        let parent = match tag {
            TagRef::Existing(id) => self.parent.get(id).copied().flatten()?,
            TagRef::New {
                parent: Parent::Node(id),
                ..
            } => *id,
            TagRef::New { .. } => return None,
        };
        self.single_groups
            .get(&parent)
            .map(|name| (parent, name.as_str()))
    }
}

/// `text` as a node's name would be stored, or why it cannot be one (naming the cell `item`).
fn tag_name(text: &str, item: &str) -> Result<String, Problem> {
    crate::tags::clean_name(text.trim()).map_err(|e| Problem::TagItem {
        item: item.to_string(),
        problem: Box::new(e.problem()),
    })
}

/// The items of a tags cell.
pub fn split(text: &str) -> Vec<&str> {
    text.split([',', '，', '、', ';', '；', '|', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}
