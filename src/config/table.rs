//! A rule table as written: its kind's own keys, and the keys every rule takes, declared once
//! in [`Common`].
//!
//! serde cannot flatten a shared struct into a strict (`deny_unknown_fields`) one, and
//! buffering a table to split it would lose the source spans that errors point at. So a
//! table is read in one pass here: each key is looked up as it is read, a common key's value
//! goes into [`Common`], and the kind's own struct (derived as usual) sees only its own keys.
//! An unknown key is refused at the key, naming every key the table takes, exactly as a
//! derived strict struct would.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Mutex, OnceLock};

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::model::{Channel, Scope, Severity};

use super::schema::Examples;

/// The keys every rule table takes, whatever its kind: declared here once, read by
/// [`RuleTable`] for every kind, and merged key by key where several tables make one rule
/// set ([`Common::overlaid`]).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// Rule id; derived from the table and the name when absent.
    pub id: Option<String>,
    /// Severity; `[defaults] severity` when absent.
    pub severity: Option<Severity>,
    /// Message, with `{match}` and `{expected}` placeholders.
    pub message: Option<String>,
    /// A hint shown under the finding.
    pub help: Option<String>,
    /// A link to the style guide's page.
    pub url: Option<String>,
    /// Channels the rule applies to (all when absent).
    pub channels: Option<Vec<Channel>>,
    /// Scopes the rule applies to (all when absent).
    pub scopes: Option<Vec<Scope>>,
    /// Globs of files the rule applies to (all when absent).
    pub files: Option<Vec<Spanned<String>>>,
    /// Sentences for `brandlint rules --verify`.
    #[serde(default)]
    pub examples: Examples,
    /// Which casings of its phrases a phrase rule matches (any, when absent).
    pub case: Option<CasePolicy>,
    /// Phrases in which a match of a phrase rule is fine ("master's degree" for a banned
    /// "master").
    pub exceptions: Option<Vec<Spanned<String>>>,
}

/// `case`: which casings of its phrases a phrase rule matches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CasePolicy {
    /// Any casing: "acme", "Acme" and "ACME" all match "Acme".
    #[default]
    Any,
    /// Only the forms as written: a rule `ACME -> Acme` flags "ACME", never "acme".
    Exact,
}

impl Common {
    /// These keys with every key that `later` sets replacing this one's (examples, when
    /// `later` gives any).
    pub fn overlaid(self, later: Common) -> Common {
        let has_examples = !later.examples.flag.is_empty() || !later.examples.pass.is_empty();
        Common {
            id: later.id.or(self.id),
            severity: later.severity.or(self.severity),
            message: later.message.or(self.message),
            help: later.help.or(self.help),
            url: later.url.or(self.url),
            channels: later.channels.or(self.channels),
            scopes: later.scopes.or(self.scopes),
            files: later.files.or(self.files),
            case: later.case.or(self.case),
            exceptions: later.exceptions.or(self.exceptions),
            examples: if has_examples {
                later.examples
            } else {
                self.examples
            },
        }
    }
}

/// The own keys of one kind of rule table.
pub trait TableKeys {
    /// The table's name in messages (`expected struct TermTable`).
    const NAME: &'static str;
    /// The common keys this kind does not take (a `[voice]` check has a fixed id and
    /// message).
    const NOT_TAKEN: &'static [&'static str] = &[];
}

/// One rule table: its kind's own keys and the common keys.
#[derive(Clone, Debug)]
pub struct RuleTable<K> {
    /// The keys of its kind.
    pub keys: K,
    /// The keys every rule takes.
    pub common: Common,
}

impl<'de, K: Deserialize<'de> + TableKeys> Deserialize<'de> for RuleTable<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let all = common_keys();
        deserializer.deserialize_struct(K::NAME, all, TableVisitor(PhantomData))
    }
}

struct TableVisitor<K>(PhantomData<K>);

impl<'de, K: Deserialize<'de> + TableKeys> Visitor<'de> for TableVisitor<K> {
    type Value = RuleTable<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", K::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RuleTable<K>, A::Error> {
        let mut common = Common::default();
        let keys = K::deserialize(OwnKeys {
            map,
            common: &mut common,
            not_taken: K::NOT_TAKEN,
        })?;
        Ok(RuleTable { keys, common })
    }
}

/// The names of [`Common`]'s keys, as serde derived them.
fn common_keys() -> &'static [&'static str] {
    static KEYS: OnceLock<&'static [&'static str]> = OnceLock::new();
    KEYS.get_or_init(|| struct_fields::<Common>().unwrap_or_default())
}

/// The keys a derived struct takes. serde derives the list but does not expose it; a
/// deserializer is handed it, so this asks the way a deserializer is asked.
fn struct_fields<'de, T: Deserialize<'de>>() -> Option<&'static [&'static str]> {
    match T::deserialize(FieldsProbe) {
        Err(ProbeError(fields)) => fields,
        Ok(_) => None,
    }
}

/// A deserializer that reads nothing and reports the fields it was asked for.
struct FieldsProbe;

#[derive(Debug)]
struct ProbeError(Option<&'static [&'static str]>);

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a struct's fields")
    }
}

impl std::error::Error for ProbeError {}

impl de::Error for ProbeError {
    fn custom<T: fmt::Display>(_: T) -> Self {
        ProbeError(None)
    }
}

impl<'de> Deserializer<'de> for FieldsProbe {
    type Error = ProbeError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ProbeError> {
        Err(ProbeError(None))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, ProbeError> {
        Err(ProbeError(Some(fields)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The deserializer a kind's own struct is read from: the table's entries, the common keys
/// taken out on the way.
struct OwnKeys<'c, A> {
    map: A,
    common: &'c mut Common,
    not_taken: &'static [&'static str],
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for OwnKeys<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        own: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let taken: Vec<&'static str> = common_keys()
            .iter()
            .copied()
            .filter(|key| !self.not_taken.contains(key))
            .collect();
        visitor.visit_map(Entries {
            map: self.map,
            common: self.common,
            own,
            taken,
            expected: expected_keys(own, self.not_taken),
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Every key a table takes, its own first, for the message about an unknown one. serde
/// wants the list `'static`; there is one per kind of table, made once.
fn expected_keys(
    own: &'static [&'static str],
    not_taken: &'static [&'static str],
) -> &'static [&'static str] {
    type Lists = HashMap<(usize, usize), &'static [&'static str]>;
    static LISTS: OnceLock<Mutex<Lists>> = OnceLock::new();
    let lists = LISTS.get_or_init(Default::default);
    let mut lists = lists
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = (own.as_ptr() as usize, not_taken.as_ptr() as usize);
    lists.entry(key).or_insert_with(|| {
        let keys: Vec<&'static str> = own
            .iter()
            .chain(common_keys().iter().filter(|key| !not_taken.contains(key)))
            .copied()
            .collect();
        Vec::leak(keys)
    })
}

/// The table's entries as the kind's own struct reads them.
struct Entries<'c, A> {
    map: A,
    common: &'c mut Common,
    own: &'static [&'static str],
    taken: Vec<&'static str>,
    expected: &'static [&'static str],
}

/// A key of a rule table, known to be the kind's own or a common one.
enum Key {
    Own(&'static str),
    Common(&'static str),
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<'_, A> {
    type Error = A::Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        loop {
            let key = self.map.next_key_seed(KeyName {
                own: self.own,
                taken: &self.taken,
                expected: self.expected,
            })?;
            match key {
                None => return Ok(None),
                Some(Key::Own(name)) => {
                    return seed
                        .deserialize(BorrowedStrDeserializer::new(name))
                        .map(Some)
                }
                Some(Key::Common(name)) => {
                    let value = self.map.next_value_seed(CommonValue { name })?;
                    let common = std::mem::take(self.common);
                    *self.common = common.overlaid(value);
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// Reads a key and tells whose it is; an unknown key is an error at the key.
struct KeyName<'k> {
    own: &'static [&'static str],
    taken: &'k [&'static str],
    expected: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for KeyName<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeyName<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        if let Some(own) = self.own.iter().find(|key| **key == name) {
            Ok(Key::Own(own))
        } else if let Some(common) = self.taken.iter().find(|key| **key == name) {
            Ok(Key::Common(common))
        } else {
            Err(E::unknown_field(name, self.expected))
        }
    }
}

/// Reads the value of one common key, as [`Common`] alone with that key would.
struct CommonValue {
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for CommonValue {
    type Value = Common;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Common, D::Error> {
        Common::deserialize(MapAccessDeserializer::new(OneEntry {
            key: Some(self.name),
            value: Some(deserializer),
        }))
    }
}

/// A map of one entry whose value is still to be read.
struct OneEntry<D> {
    key: Option<&'static str>,
    value: Option<D>,
}

impl<'de, D: Deserializer<'de>> MapAccess<'de> for OneEntry<D> {
    type Error = D::Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, D::Error> {
        match self.key.take() {
            Some(key) => seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, D::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value read twice")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Own {
        name: Spanned<String>,
        #[serde(default)]
        flag: bool,
    }

    impl TableKeys for Own {
        const NAME: &'static str = "OwnTable";
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct NoId {
        level: Option<u8>,
    }

    impl TableKeys for NoId {
        const NAME: &'static str = "NoIdTable";
        const NOT_TAKEN: &'static [&'static str] = &["id", "message", "case", "exceptions"];
    }

    #[derive(Debug, Deserialize)]
    struct File {
        own: Option<Vec<RuleTable<Own>>>,
        no_id: Option<RuleTable<NoId>>,
    }

    fn read(text: &str) -> Result<File, toml::de::Error> {
        toml::from_str(text)
    }

    #[test]
    fn own_and_common_keys_are_read_in_one_pass_with_spans() {
        let text = "[[own]]\nname = \"Acme\"\nseverity = \"error\"\nflag = true\n\
                    files = [\"blog/**\"]\nexamples = { flag = [\"acme\"] }\n";
        let file = read(text).unwrap();
        let table = &file.own.unwrap()[0];
        assert_eq!(table.keys.name.get_ref(), "Acme");
        assert_eq!(&text[table.keys.name.span()], "\"Acme\"");
        assert!(table.keys.flag);
        assert_eq!(table.common.severity, Some(Severity::Error));
        let files = table.common.files.as_ref().unwrap();
        assert_eq!(&text[files[0].span()], "\"blog/**\"");
        assert_eq!(table.common.examples.flag, ["acme"]);
    }

    #[test]
    fn an_unknown_key_is_refused_at_the_key_naming_every_key_taken() {
        let text = "[[own]]\nname = \"Acme\"\nsevrity = \"error\"\n";
        let error = read(text).unwrap_err();
        assert_eq!(&text[error.span().unwrap()], "sevrity");
        assert!(
            error.message().contains(
                "unknown field `sevrity`, expected one of `name`, `flag`, `id`, `severity`, \
                 `message`, `help`, `url`, `channels`, `scopes`, `files`, `examples`, `case`, \
                 `exceptions`"
            ),
            "{}",
            error.message()
        );
    }

    #[test]
    fn a_common_key_a_kind_does_not_take_is_unknown() {
        let error = read("[no_id]\nid = \"x\"\n").unwrap_err();
        assert!(
            error.message().contains(
                "unknown field `id`, expected one of `level`, `severity`, `help`, `url`, \
                 `channels`, `scopes`, `files`, `examples`"
            ),
            "{}",
            error.message()
        );
        let table = read("[no_id]\nlevel = 2\nhelp = \"h\"\n")
            .unwrap()
            .no_id
            .unwrap();
        assert_eq!(table.keys.level, Some(2));
        assert_eq!(table.common.help.as_deref(), Some("h"));
    }

    #[test]
    fn a_bad_value_of_a_common_key_is_an_error_at_the_value() {
        let text = "[[own]]\nname = \"Acme\"\nseverity = \"fatal\"\n";
        let error = read(text).unwrap_err();
        assert_eq!(&text[error.span().unwrap()], "\"fatal\"");
        assert!(error.message().contains("unknown variant `fatal`"));
        let missing = read("[[own]]\nflag = true\n").unwrap_err();
        assert!(missing.message().contains("missing field `name`"));
        let not_a_table = read("own = [1]\n").unwrap_err();
        assert!(
            not_a_table.message().contains("expected struct OwnTable"),
            "{}",
            not_a_table.message()
        );
    }

    #[test]
    fn later_common_keys_win_and_examples_are_replaced_only_when_given() {
        let first = Common {
            severity: Some(Severity::Info),
            help: Some("first".into()),
            examples: Examples {
                flag: vec!["a".into()],
                pass: Vec::new(),
            },
            ..Common::default()
        };
        let later = Common {
            severity: Some(Severity::Error),
            ..Common::default()
        };
        let merged = first.overlaid(later);
        assert_eq!(merged.severity, Some(Severity::Error));
        assert_eq!(merged.help.as_deref(), Some("first"));
        assert_eq!(merged.examples.flag, ["a"]);
    }
}
