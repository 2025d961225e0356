//! Unicode folding shared by search, import and tag names: full-width forms and compatibility
//! characters become their plain forms ("ＶＩＰ" → "VIP", "１３８" → "138").

use std::borrow::Cow;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// `s` in NFKC. Nearly all text already is (ASCII, common CJK), and checking is far cheaper
/// than recomposing: an import folds every cell, and recomposing was a tenth of its time.
pub fn nfkc(s: &str) -> Cow<'_, str> {
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfkc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::nfkc;

    #[test]
    fn full_width_forms_fold_and_plain_text_is_borrowed() {
        assert_eq!(nfkc("ＶＩＰ１３８"), "VIP138");
        assert!(matches!(
            nfkc("王伟 vip@qq.com"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
