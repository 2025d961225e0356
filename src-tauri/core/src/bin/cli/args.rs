//! The command line's words, read the same way for every command: positional arguments, flags
//! with a value (`--db x` or `--db=x`) and switches. Anything a command does not know is a
//! usage error, so a mistyped flag never silently falls back to a default.

use crate::Failure;
use std::collections::{HashMap, HashSet};

/// One command's arguments, checked against the flags it accepts.
pub struct Args {
    positional: Vec<String>,
    values: HashMap<&'static str, String>,
    switches: HashSet<&'static str>,
}

impl Args {
    /// Reads `words` for a command whose flags with a value are `valued` and whose switches
    /// are `switches` (both written with their leading `--`).
    pub fn parse(
        words: &[String],
        valued: &[&'static str],
        switches: &[&'static str],
    ) -> Result<Args, Failure> {
        let mut args = Args {
            positional: Vec::new(),
            values: HashMap::new(),
            switches: HashSet::new(),
        };
        let mut words = words.iter();
        while let Some(word) = words.next() {
            if !word.starts_with("--") {
                args.positional.push(word.clone());
                continue;
            }
            let (flag, inline) = match word.split_once('=') {
                Some((flag, value)) => (flag, Some(value.to_string())),
                None => (word.as_str(), None),
            };
            if let Some(name) = valued.iter().find(|v| **v == flag) {
                let value = match inline {
                    Some(value) => value,
                    None => words
                        .next()
                        .cloned()
                        .ok_or_else(|| Failure::usage(format!("{flag} needs a value")))?,
                };
                if args.values.insert(name, value).is_some() {
                    return Err(Failure::usage(format!("{flag} is given twice")));
                }
            } else if let Some(name) = switches.iter().find(|s| **s == flag) {
                if inline.is_some() {
                    return Err(Failure::usage(format!("{flag} takes no value")));
                }
                args.switches.insert(name);
            } else {
                return Err(Failure::usage(format!("unknown option {flag}")));
            }
        }
        Ok(args)
    }

    /// The only positional argument, called `what` in the message when it is missing.
    pub fn one_positional(&self, what: &str) -> Result<&str, Failure> {
        match self.positional.as_slice() {
            [one] => Ok(one),
            [] => Err(Failure::usage(format!("{what} is missing"))),
            [_, extra, ..] => Err(Failure::usage(format!("unexpected argument {extra}"))),
        }
    }

    /// Fails unless the command was given no positional argument.
    pub fn no_positional(&self) -> Result<(), Failure> {
        match self.positional.first() {
            Some(extra) => Err(Failure::usage(format!("unexpected argument {extra}"))),
            None => Ok(()),
        }
    }

    pub fn value(&self, flag: &str) -> Option<&str> {
        self.values.get(flag).map(String::as_str)
    }

    pub fn required(&self, flag: &str) -> Result<&str, Failure> {
        self.value(flag)
            .ok_or_else(|| Failure::usage(format!("{flag} is required")))
    }

    pub fn switch(&self, flag: &str) -> bool {
        self.switches.contains(flag)
    }

    /// Whether `flag` was given at all, with a value or as a switch.
    pub fn given(&self, flag: &str) -> bool {
        self.values.contains_key(flag) || self.switches.contains(flag)
    }

    /// The value of `flag` as one of `choices` (word, meaning); None when the flag is absent.
    pub fn choice<T: Copy>(&self, flag: &str, choices: &[(&str, T)]) -> Result<Option<T>, Failure> {
        let Some(given) = self.value(flag) else {
            return Ok(None);
        };
        match choices.iter().find(|(word, _)| *word == given) {
            Some((_, meaning)) => Ok(Some(*meaning)),
            None => {
                let words: Vec<&str> = choices.iter().map(|(w, _)| *w).collect();
                Err(Failure::usage(format!(
                    "{flag} must be one of {}, not “{given}”",
                    words.join(", ")
                )))
            }
        }
    }

    /// The value of `flag` parsed as a number (or anything `FromStr`); None when absent.
    pub fn number<T: std::str::FromStr>(&self, flag: &str) -> Result<Option<T>, Failure> {
        self.value(flag)
            .map(|v| {
                v.parse()
                    .map_err(|_| Failure::usage(format!("{flag}: not a valid number: {v}")))
            })
            .transpose()
    }
}
