//! Typed decoding of a YAML [`Node`] tree, collecting every error.
//!
//! serde stops at the first error; authors fixing a report want all of them
//! at once, each with line and column. Each model type implements [`Decode`];
//! structs read their fields through [`Fields`], which also refuses unknown
//! keys with a "did you mean" hint.

use jiff::civil::Date;

use crate::diagnostics::Diagnostic;
use crate::load::positions::{Positions, item_path};
use crate::load::yaml::{Node, Value};

/// The most diagnostics reported for one file: past this, one more says
/// how many were left out.
pub const MAX_ERRORS: usize = 100;

/// Collects diagnostics while decoding one file (the caller adds the path),
/// and where each value it reads starts.
#[derive(Debug, Default)]
pub struct Decoder {
    pub errors: Vec<Diagnostic>,
    /// Every field and list item read so far, by path.
    positions: Positions,
}

impl Decoder {
    /// An invalid value (P105) at `node`.
    pub fn error(&mut self, node: &Node, message: impl Into<String>, hint: impl Into<String>) {
        self.coded(crate::diagnostics::Code::P105, node, message, hint);
    }

    /// A finding of rule `code` at `node`.
    pub fn coded(
        &mut self,
        code: crate::diagnostics::Code,
        node: &Node,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.errors.push(
            Diagnostic::error(code, message)
                .at(node.pos.line, node.pos.column)
                .with_hint(hint),
        );
    }

    /// Decodes `node` as the value at `field`, recording where it starts:
    /// every field ([`Fields::get`]) and list item is read through here.
    pub fn decode<T: Decode>(&mut self, node: &Node, field: &str) -> Option<T> {
        self.positions.record(field, node);
        T::decode(node, field, self)
    }

    /// [`Decoder::decode`] with a decoding function of the caller's, for a
    /// type read in a context (a report in its council's house style).
    pub fn decode_by<T>(
        &mut self,
        node: &Node,
        field: &str,
        decode: impl FnOnce(&Node, &str, &mut Decoder) -> Option<T>,
    ) -> Option<T> {
        self.positions.record(field, node);
        decode(node, field, self)
    }

    /// The positions recorded so far. A file's root type takes them when
    /// it is built, so that they travel with the model.
    pub fn take_positions(&mut self) -> Positions {
        std::mem::take(&mut self.positions)
    }

    /// The positions recorded so far, for a look before they are taken.
    pub fn positions(&self) -> &Positions {
        &self.positions
    }
}

/// A type that can be read from a YAML node. `field` names the node for
/// messages (`costs.revenue`, `recommendations[2]`).
pub trait Decode: Sized {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self>;

    /// What an absent optional field means; `None` makes the field required.
    fn absent() -> Option<Self> {
        None
    }
}

fn expect_scalar<'n>(node: &'n Node, field: &str, want: &str, d: &mut Decoder) -> Option<&'n str> {
    match &node.value {
        Value::Scalar { text, .. } if !node.is_null() => Some(text),
        _ => {
            d.error(
                node,
                format!("`{field}` should be {want}, found {}", node.kind_name()),
                format!("write `{field}` as {want}"),
            );
            None
        }
    }
}

impl Decode for String {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        expect_scalar(node, field, "text", d).map(|s| s.trim_end().to_string())
    }
}

/// Text that may be left empty (`telephone: ""`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct OptionalText(pub String);

impl Decode for OptionalText {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if node.is_null() {
            return Some(OptionalText::default());
        }
        match &node.value {
            Value::Scalar { text, .. } => Some(OptionalText(text.trim().to_string())),
            _ => {
                expect_scalar(node, field, "text", d);
                None
            }
        }
    }
    fn absent() -> Option<Self> {
        Some(OptionalText::default())
    }
}

/// Yes/No, true/false, in any case: anything else is an error, never a
/// silent `false`.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

impl Decode for bool {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text = expect_scalar(node, field, "Yes or No", d)?;
        let value = parse_yes_no(text);
        if value.is_none() {
            d.error(
                node,
                format!("`{field}` should be Yes or No, found `{text}`"),
                "write Yes or No (true and false are accepted too)",
            );
        }
        value
    }
}

impl Decode for Date {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text = expect_scalar(node, field, "a date (YYYY-MM-DD)", d)?;
        match text.trim().parse::<Date>() {
            Ok(date) if text.trim().len() == 10 => Some(date),
            _ => {
                d.error(
                    node,
                    format!("`{field}` is not a valid date: `{text}`"),
                    "write dates as YYYY-MM-DD, for example 2022-11-07",
                );
                None
            }
        }
    }
}

impl Decode for u32 {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let text = expect_scalar(node, field, "a whole number", d)?;
        let n = text.trim().parse().ok();
        if n.is_none() {
            d.error(
                node,
                format!("`{field}` should be a whole number, found `{text}`"),
                "write a number such as 3",
            );
        }
        n
    }
}

/// A list; a single value is taken as a list of one, so `appendices: The
/// report is attached` reads as an author means it.
impl<T: Decode> Decode for Vec<T> {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        match &node.value {
            _ if node.is_null() => Some(Vec::new()),
            Value::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match d.decode(item, &item_path(field, i)) {
                        Some(v) => out.push(v),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            Value::Scalar { .. } => T::decode(node, field, d).map(|v| vec![v]),
            Value::Map(_) => {
                d.error(
                    node,
                    format!("`{field}` should be a list, found a mapping"),
                    "start each item with '- '",
                );
                None
            }
        }
    }
    fn absent() -> Option<Self> {
        Some(Vec::new())
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if node.is_null() {
            Some(None)
        } else {
            T::decode(node, field, d).map(Some)
        }
    }
    fn absent() -> Option<Self> {
        Some(None)
    }
}

/// Reads the fields of one mapping. Every `get` marks its key as known;
/// [`Fields::finish`] reports the keys nobody asked for.
pub struct Fields<'n> {
    node: &'n Node,
    pairs: &'n [(Node, Node)],
    prefix: String,
    known: Vec<String>,
}

impl<'n> Fields<'n> {
    /// `None` (with an error) when `node` is not a mapping.
    pub fn new(node: &'n Node, field: &str, d: &mut Decoder) -> Option<Self> {
        match &node.value {
            Value::Map(pairs) => Some(Fields {
                node,
                pairs,
                prefix: if field.is_empty() {
                    String::new()
                } else {
                    format!("{field}.")
                },
                known: Vec::new(),
            }),
            _ => {
                let what = if field.is_empty() { "the file" } else { field };
                d.error(
                    node,
                    format!(
                        "`{what}` should be a mapping of fields, found {}",
                        node.kind_name()
                    ),
                    "write one `name: value` per line",
                );
                None
            }
        }
    }

    fn lookup(&mut self, key: &str) -> Option<&'n Node> {
        if !self.known.iter().any(|k| k == key) {
            self.known.push(key.to_string());
        }
        self.pairs
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// A field; absent means `T::absent()`, or an error if `T` has no default.
    pub fn get<T: Decode>(&mut self, key: &str, d: &mut Decoder) -> Option<T> {
        let name = format!("{}{key}", self.prefix);
        match self.lookup(key) {
            Some(node) => d.decode(node, &name),
            None => {
                let value = T::absent();
                if value.is_none() {
                    d.coded(
                        crate::diagnostics::Code::P104,
                        self.node,
                        format!("missing required field `{name}`"),
                        format!("add `{key}:` to this mapping"),
                    );
                }
                value
            }
        }
    }

    /// A field that is required only where `required` says so (a house
    /// style asks for the fields it shows); absent otherwise means empty.
    pub fn get_if<T: Decode + Default>(
        &mut self,
        key: &str,
        required: bool,
        d: &mut Decoder,
    ) -> Option<T> {
        if required || self.pairs.iter().any(|(k, _)| k.as_str() == Some(key)) {
            return self.get(key, d);
        }
        self.lookup(key);
        Some(T::absent().unwrap_or_default())
    }

    /// The raw node of a field, for types decoded by hand.
    pub fn node(&mut self, key: &str) -> Option<&'n Node> {
        self.lookup(key)
    }

    /// Reports every key that is not a field of this mapping.
    pub fn finish(self, d: &mut Decoder) {
        for (key, _) in self.pairs {
            let Some(name) = key.as_str() else {
                d.error(key, "a field name must be text", "write `name: value`");
                continue;
            };
            if self.known.iter().any(|k| k == name) {
                continue;
            }
            // Past the errors that will be shown, skip the suggestion: a
            // file of a million unknown keys must stay fast.
            if d.errors.len() > MAX_ERRORS {
                d.coded(
                    crate::diagnostics::Code::P103,
                    key,
                    format!("unknown field `{}{name}`", self.prefix),
                    "",
                );
                continue;
            }
            let known: Vec<&str> = self.known.iter().map(String::as_str).collect();
            let hint = match did_you_mean(name, &known) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the fields here are: {}", self.known.join(", ")),
            };
            d.coded(
                crate::diagnostics::Code::P103,
                key,
                format!("unknown field `{}{name}`", self.prefix),
                hint,
            );
        }
    }
}

/// `Decode` for a plain struct of fields, each read with [`Fields::get`]
/// (so absent optional fields take their default and unknown keys are
/// refused): `decode_struct!(Costs { revenue: "revenue", capital: "capital" })`.
#[macro_export]
macro_rules! decode_struct {
    ($ty:ident { $($field:ident : $key:literal),* $(,)? }) => {
        impl $crate::load::decode::Decode for $ty {
            fn decode(
                node: &$crate::load::yaml::Node,
                field: &str,
                d: &mut $crate::load::decode::Decoder,
            ) -> Option<Self> {
                let mut f = $crate::load::decode::Fields::new(node, field, d)?;
                $(let $field = f.get($key, d);)*
                f.finish(d);
                Some($ty { $($field: $field?),* })
            }
        }
    };
}

/// The closest candidate to `name`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // A typo of a field name is short; comparing a long text costs time.
    if name.len() > 64 {
        return None;
    }
    let name = name.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(&name, &c.to_lowercase()), *c))
        .filter(|(dist, c)| *dist <= (c.chars().count() / 3).max(2))
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn node(src: &str) -> Node {
        parse(src).unwrap().unwrap()
    }

    #[test]
    fn yes_no_in_any_case() {
        for (text, want) in [
            ("Yes", true),
            ("no", false),
            ("TRUE", true),
            ("False", false),
        ] {
            let mut d = Decoder::default();
            assert_eq!(d.decode::<bool>(&node(text), "x"), Some(want), "{text}");
        }
    }

    #[test]
    fn anything_else_is_not_a_boolean() {
        let mut d = Decoder::default();
        assert_eq!(d.decode::<bool>(&node("Maybe"), "key_decision"), None);
        assert!(
            d.errors[0]
                .message
                .contains("`key_decision` should be Yes or No, found `Maybe`")
        );
    }

    #[test]
    fn dates_must_be_iso() {
        let mut d = Decoder::default();
        assert!(d.decode::<Date>(&node("2022-11-07"), "x").is_some());
        assert_eq!(d.decode::<Date>(&node("7/11/2022"), "x"), None);
        assert_eq!(d.decode::<Date>(&node("2022-02-30"), "x"), None);
        assert_eq!(d.errors.len(), 2);
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let n = node("subjet: x\n");
        let mut d = Decoder::default();
        let mut f = Fields::new(&n, "", &mut d).unwrap();
        let _: Option<String> = f.get("subject", &mut d);
        f.finish(&mut d);
        let msgs: Vec<_> = d.errors.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("missing required field `subject`"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("unknown field `subjet`")
                    && m.contains("did you mean `subject`?"))
        );
    }

    #[test]
    fn a_scalar_reads_as_a_list_of_one() {
        let mut d = Decoder::default();
        let v: Vec<String> = d.decode(&node("just one"), "x").unwrap();
        assert_eq!(v, vec!["just one".to_string()]);
    }

    /// A small report-like type: a list, a nested mapping, a list of mappings.
    struct Doc;
    crate::decode_struct!(Inner {
        revenue: "revenue",
        capital: "capital"
    });
    struct Inner {
        #[allow(dead_code)]
        revenue: String,
        #[allow(dead_code)]
        capital: Option<String>,
    }
    struct Appendix {
        #[allow(dead_code)]
        title: String,
    }
    crate::decode_struct!(Appendix { title: "title" });

    impl Decode for Doc {
        fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
            let mut f = Fields::new(node, field, d)?;
            let _: Option<String> = f.get("summary", d);
            let _: Option<Vec<String>> = f.get("recommendations", d);
            let _: Option<Inner> = f.get("costs", d);
            let _: Option<Vec<Appendix>> = f.get("appendices", d);
            let _: Option<String> = f.get("body", d);
            f.finish(d);
            Some(Doc)
        }
    }

    fn positions_of(src: &str) -> Positions {
        let root = node(src);
        let mut d = Decoder::default();
        d.decode::<Doc>(&root, "").unwrap();
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        d.take_positions()
    }

    fn line_col(p: &Positions, path: &str) -> Option<(usize, usize)> {
        p.get(path).map(|p| (p.line, p.column))
    }

    #[test]
    fn fields_and_list_items_are_placed_where_they_start() {
        let p = positions_of(
            "summary: S\nrecommendations:\n  - one\n  - two\ncosts:\n  revenue: none\nappendices:\n  - title: A\n  - title: B\nbody: |\n  text\n",
        );
        assert_eq!(line_col(&p, ""), Some((1, 1)));
        assert_eq!(line_col(&p, "summary"), Some((1, 10)));
        assert_eq!(line_col(&p, "recommendations[1]"), Some((3, 5)));
        assert_eq!(line_col(&p, "recommendations[2]"), Some((4, 5)));
        assert_eq!(line_col(&p, "costs"), Some((6, 3)));
        assert_eq!(line_col(&p, "costs.revenue"), Some((6, 12)));
        assert_eq!(line_col(&p, "appendices[2]"), Some((9, 5)));
        assert_eq!(line_col(&p, "appendices[2].title"), Some((9, 12)));
        // A block scalar is placed at its first line of text.
        assert_eq!(line_col(&p, "body"), Some((11, 3)));
        assert_eq!(p.text_line("body"), Some(11));
        // Absent fields have no position; nothing is made up for them.
        assert_eq!(p.get("costs.capital"), None);
        assert_eq!(p.get("recommendations[3]"), None);
    }

    #[test]
    fn flow_lists_and_a_scalar_read_as_a_list_are_placed() {
        let p = positions_of(
            "summary: S\nrecommendations: [one, two]\ncosts: {revenue: r}\nappendices: []\nbody: b\n",
        );
        assert_eq!(line_col(&p, "recommendations[2]"), Some((2, 24)));
        assert_eq!(line_col(&p, "costs.revenue"), Some((3, 18)));
        let p = positions_of(
            "summary: S\nrecommendations: just one\ncosts: {revenue: r}\nappendices: []\nbody: b\n",
        );
        assert_eq!(line_col(&p, "recommendations"), Some((2, 18)));
    }

    #[test]
    fn did_you_mean_finds_typos() {
        assert_eq!(
            did_you_mean("comittee", &["committee", "subject"]),
            Some("committee")
        );
        assert_eq!(did_you_mean("zzz", &["committee"]), None);
    }
}
