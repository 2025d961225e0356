//! Contacts as a member without the right receives them (138****5678, z***@example.com): in
//! the operations the hub sends (masked there, see the hub's `masked`) and in the copy of the
//! database a joiner without the right starts from (masked here, before it leaves the laptop
//! that uploads it). The same rule on both sides, so a masked laptop holds one form.

use crate::error::Result;
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use serde_json::Value;
use std::path::Path;

/// The keys whose values are contacts, in customer rows, changes and history images alike.
pub const CONTACT_KEYS: [&str; 2] = ["phone", "email"];

/// A phone number or e-mail address masked: its first three and last four characters, or its
/// first character and its domain.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    match chars.iter().position(|&c| c == '@') {
        Some(at) if at > 0 => format!("{}***{}", chars[0], chars[at..].iter().collect::<String>()),
        _ if chars.len() >= 7 => format!(
            "{}****{}",
            chars[..3].iter().collect::<String>(),
            chars[chars.len() - 4..].iter().collect::<String>()
        ),
        _ => "****".to_string(),
    }
}

/// `value` with every string under a contact key masked, at any depth.
fn mask_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if CONTACT_KEYS.contains(&key.as_str()) => *s = mask(s),
                    other => mask_json(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_json),
        _ => {}
    }
}

/// Masks every contact in the database copy at `path` (a whole copy about to be uploaded for
/// joiners without the right), leaving no trace of the raw values in the file: freed space is
/// zeroed and the file rewritten (secure delete alone leaves a few values behind after a change
/// of many rows).
pub(crate) fn mask_copy(path: &Path) -> Result<()> {
    let mut conn = open_to_scrub(path)?;
    crate::search_index::register(&conn)?;
    conn.create_scalar_function(
        "tagdesk_mask",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|v| mask(&v))),
    )?;
    conn.create_scalar_function(
        "tagdesk_mask_json",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(text.map(|t| match serde_json::from_str::<Value>(&t) {
                Ok(mut v) => {
                    mask_json(&mut v);
                    v.to_string()
                }
                // Not JSON: nothing under a key to mask.
                Err(_) => t,
            }))
        },
    )?;
    let tx = conn.transaction()?;
    tx.execute_batch(
        "UPDATE customers SET phone = tagdesk_mask(phone), email = tagdesk_mask(email)
             WHERE phone IS NOT NULL OR email IS NOT NULL;
         DELETE FROM team_identity WHERE key LIKE 'phone:%' OR key LIKE 'email:%';
         UPDATE received_operations SET payload = tagdesk_mask_json(payload);
         UPDATE team_wire SET payload = tagdesk_mask_json(payload);
         UPDATE operation_customer_images SET record = tagdesk_mask_json(record);
         UPDATE audit_log SET detail = tagdesk_mask_json(detail);
         UPDATE operations SET detail = tagdesk_mask_json(detail);",
    )?;
    tx.commit()?;
    crate::search_index::rebuild(&mut conn)?;
    conn.execute_batch("VACUUM")?;
    Ok(())
}

/// Opens a copy about to leave this laptop so that what is deleted or overwritten in it leaves
/// no trace in it: freed space zeroed, and a rollback journal (not a write-ahead log, whose
/// pages would hold the old values until a checkpoint) that is gone at each commit. A change
/// of many rows ends with VACUUM too: secure delete alone leaves a few values behind.
pub(super) fn open_to_scrub(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "secure_delete", true)?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_as_the_hub_does() {
        assert_eq!(mask("13812345678"), "138****5678");
        assert_eq!(mask("zhang.wei@example.com"), "z***@example.com");
        assert_eq!(mask("12345"), "****");
        assert_eq!(mask("@x"), "****");
    }
}
