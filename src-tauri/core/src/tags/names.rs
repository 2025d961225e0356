//! Tag naming rules: names are compared folded (NFKC + lower case) so that "VIP", "vip" and
//! "ＶＩＰ" count as the same name among siblings.

use crate::error::{Error, Result};

pub const MAX_NAME_CHARS: usize = 200;

/// Trims the name and checks it; returns the name to store.
pub fn clean(name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(
            "name",
            "a tag name cannot be empty or only spaces",
        ));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            format!("a tag name has at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if trimmed.contains('/') {
        return Err(Error::invalid(
            "name",
            "a tag name cannot contain '/', which separates levels of a tag path",
        ));
    }
    Ok(trimmed.to_string())
}

/// The comparison key stored beside the name; siblings must have distinct keys.
pub fn key(name: &str) -> String {
    crate::text::nfkc(name.trim()).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_variants_share_a_key() {
        assert_eq!(key("VIP"), key("ＶＩＰ"));
        assert_eq!(key("VIP"), key("vip"));
        assert_eq!(key(" 高活 "), key("高活"));
        assert_ne!(key("高活"), key("高活跃"));
    }

    #[test]
    fn empty_and_blank_names_are_rejected() {
        assert!(clean("").is_err());
        assert!(clean("   \t").is_err());
        assert!(
            clean("\u{3000}").is_err(),
            "an ideographic space is still blank"
        );
        assert_eq!(clean("  种子用户 ").unwrap(), "种子用户");
    }

    #[test]
    fn slash_and_overlong_names_are_rejected() {
        assert!(clean("a/b").is_err());
        assert!(clean(&"长".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(clean(&"长".repeat(MAX_NAME_CHARS + 1)).is_err());
    }
}
