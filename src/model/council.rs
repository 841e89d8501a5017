//! `council.yaml`: who the council is and the lists reports are checked against.

use serde::Serialize;

use crate::decode_struct;
use crate::law::Jurisdiction;
use crate::load::decode::{Decode, Decoder, Fields};
use crate::load::positions::Positions;
use crate::load::yaml::{Node, Pos, Value};
use crate::model::style::HouseStyle;

/// The council profile, `council.yaml`: found by walking up from a report's
/// folder. Reports are checked against its lists.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, transform = crate::model::json_schema::council_optional_fields)]
pub struct Council {
    /// The council's name, as printed on every paper.
    #[schemars(extend("examples" = ["Sefton Council"]))]
    pub name: String,
    /// The law the council's papers follow (exempt paragraphs, notices,
    /// clear days, bank holidays, key decisions): england, wales or scotland.
    #[schemars(default)]
    pub jurisdiction: Jurisdiction,
    /// `[en]` (the default), `[en, cy]` or `[en, gd]`: with two, the
    /// council's wording may be given in both and is printed in both.
    #[schemars(schema_with = "crate::model::json_schema::languages", default)]
    pub languages: crate::model::wording::Languages,
    /// Path of a logo image (PNG, JPEG, SVG or GIF), relative to `council.yaml`.
    pub logo: Option<String>,
    /// The council's core purposes: every report says how it contributes to each.
    #[schemars(default)]
    pub core_purposes: Vec<String>,
    /// The wards, by name: `wards:` in a report must use these.
    #[schemars(default)]
    pub wards: Vec<String>,
    /// The committees, by name: `committee:` in a report must be one of these.
    #[schemars(default)]
    pub committees: Vec<String>,
    /// The officers who clear reports, and their reference prefixes.
    pub clearances: Clearances,
    /// A font file (TTF/OTF) for the PDF, relative to `council.yaml`: the
    /// house face, used before the shipped ones.
    pub font: Option<String>,
    /// More font files for the PDF, used for characters no other font has
    /// (Chinese, say), relative to `council.yaml`.
    #[schemars(schema_with = "crate::model::json_schema::text_list", default)]
    pub fonts: Vec<String>,
    /// The council's Word template (.docx or .dotx), relative to
    /// `council.yaml`: its styles, numbering, theme, fonts and page set-up
    /// dress `render --to docx` and the pack's .docx files.
    pub docx_template: Option<String>,
    /// The Word style names of the paper's roles, where the council's
    /// template names them otherwise (`heading_1: Report Heading 1`).
    #[schemars(default)]
    pub docx_styles: DocxStyles,
    /// Meeting packs: the clear-days rule, bank holidays, page starts and
    /// the standing text of the agenda front sheet.
    #[serde(skip)]
    #[schemars(skip)]
    pub pack: crate::model::meeting::PackSettings,
    /// Rule settings where this council differs: a rule code mapped to
    /// error, warning or off, e.g. `rules: { P305: off }`.
    #[schemars(schema_with = "crate::model::json_schema::rule_settings")]
    pub rules: RuleSettings,
    /// The council's house styles, by name (`house_style:` is one, named
    /// `default`); none means Sefton's, the built-in one. A report picks
    /// one with `style:`; the first is the default.
    #[serde(skip)]
    #[schemars(skip)]
    pub house_styles: Vec<(String, crate::model::style::HouseStyle)>,
    /// Where each field starts in `council.yaml`, by path (`name`,
    /// `clearances.legal.officer`).
    #[serde(skip)]
    #[schemars(skip)]
    pub positions: Positions,
}

/// `rules:` in `council.yaml`: a rule code mapped to `error`, `warning` or
/// `off` (see `papers check` in the README for the codes).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RuleSettings(pub Vec<RuleSetting>);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSetting {
    pub code: String,
    pub level: RuleLevel,
    #[serde(skip)]
    pub pos: Pos,
}

/// What a council makes of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Off,
}

impl Decode for RuleSettings {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if node.is_null() {
            return Some(RuleSettings::default());
        }
        let Value::Map(pairs) = &node.value else {
            d.error(
                node,
                format!("`{field}` should be a mapping of rule code to level"),
                "write one `P305: warning` per line (error, warning or off)",
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (key, value) in pairs {
            let code: Option<String> = d.decode(key, field);
            let text: Option<String> =
                d.decode(value, &format!("{field}.{}", key.as_str().unwrap_or("?")));
            let level =
                text.as_deref()
                    .and_then(|t| match t.trim().to_ascii_lowercase().as_str() {
                        "error" => Some(RuleLevel::Error),
                        "warning" => Some(RuleLevel::Warning),
                        "off" => Some(RuleLevel::Off),
                        _ => None,
                    });
            if text.is_some() && level.is_none() {
                d.error(
                    value,
                    format!(
                        "`{field}.{}` should be error, warning or off",
                        key.as_str().unwrap_or("?")
                    ),
                    "write error, warning or off",
                );
            }
            match (code, level) {
                (Some(code), Some(level)) => out.push(RuleSetting {
                    code: code.trim().to_ascii_uppercase(),
                    level,
                    pos: key.pos,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(RuleSettings(out))
    }

    fn absent() -> Option<Self> {
        Some(RuleSettings::default())
    }
}

/// `docx_styles:` in `council.yaml`: the name of the Word style for each
/// role of the paper, as Word shows it. A role left out uses Word's
/// built-in style of that role ("Heading 1", "Title", "Body Text" ...);
/// a style the template lacks is added with a plain definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocxStyles {
    /// The paper's title (Word: "Title").
    pub title: Option<String>,
    /// The header table's table style (Word: "Table Grid").
    pub header_table: Option<String>,
    /// Section headings (Word: "Heading 1").
    #[schemars(extend("examples" = ["Report Heading 1"]))]
    pub heading_1: Option<String>,
    /// Sub-headings (Word: "Heading 2").
    pub heading_2: Option<String>,
    /// Sub-sub-headings (Word: "Heading 3").
    pub heading_3: Option<String>,
    /// Body text (Word: "Body Text").
    pub body_text: Option<String>,
    /// Numbered paragraphs, 1.1, 1.2 (default: "Numbered Paragraph").
    pub numbered_paragraph: Option<String>,
    /// The recommendations' numbered list (Word: "List Number").
    pub recommendation: Option<String>,
    /// Tables (Word: "Table Grid").
    pub table: Option<String>,
    /// Table and chart captions (Word: "Caption").
    pub caption: Option<String>,
}

impl Decode for DocxStyles {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        if node.is_null() {
            return Some(DocxStyles::default());
        }
        let mut f = Fields::new(node, field, d)?;
        let title = f.get("title", d);
        let header_table = f.get("header_table", d);
        let heading_1 = f.get("heading_1", d);
        let heading_2 = f.get("heading_2", d);
        let heading_3 = f.get("heading_3", d);
        let body_text = f.get("body_text", d);
        let numbered_paragraph = f.get("numbered_paragraph", d);
        let recommendation = f.get("recommendation", d);
        let table = f.get("table", d);
        let caption = f.get("caption", d);
        f.finish(d);
        Some(DocxStyles {
            title: title?,
            header_table: header_table?,
            heading_1: heading_1?,
            heading_2: heading_2?,
            heading_3: heading_3?,
            body_text: body_text?,
            numbered_paragraph: numbered_paragraph?,
            recommendation: recommendation?,
            table: table?,
            caption: caption?,
        })
    }

    fn absent() -> Option<Self> {
        Some(DocxStyles::default())
    }
}

/// The officers whose clearance a report needs, and their reference prefixes
/// (Sefton: "FD. 6993" from finance, "LD. 5193" from legal).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Clearances {
    /// The finance officer (the section 151 officer).
    pub finance: Clearance,
    /// The legal officer (the monitoring officer).
    pub legal: Clearance,
}

/// One clearing officer.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Clearance {
    /// The officer's title, as the consultations sentence names them.
    #[schemars(extend("examples" = ["the Chief Legal and Democratic Officer"]))]
    pub officer: String,
    /// The prefix of the officer's references: `FD` for `FD. 6993`.
    #[schemars(extend("examples" = ["FD"]))]
    pub prefix: String,
}

impl Decode for Council {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let name = f.get("name", d);
        let logo = f.get("logo", d);
        let core_purposes = f.get("core_purposes", d);
        let wards = f.get("wards", d);
        let committees = f.get("committees", d);
        let clearances = f.get("clearances", d);
        let font = f.get("font", d);
        let fonts = f.get("fonts", d);
        let docx_template = f.get("docx_template", d);
        let docx_styles = f.get("docx_styles", d);
        let pack: Option<crate::model::meeting::PackSettings> = f.get("pack", d);
        let clear_days_given = f
            .node("pack")
            .and_then(|p| p.get("clear_days"))
            .is_some_and(|n| !n.is_null());
        let rules: Option<RuleSettings> = f.get("rules", d);
        let jurisdiction: Option<Jurisdiction> = f.get("jurisdiction", d);
        let languages: Option<crate::model::wording::Languages> = f.get("languages", d);
        let one_style = f.node("house_style");
        let styles_node = f.node("house_styles");
        f.finish(d);
        let house_styles = house_styles_of(one_style, styles_node, d);
        let jurisdiction = jurisdiction?;
        // The law sets the defaults; what the council writes wins.
        let mut pack = pack?;
        if !clear_days_given {
            pack.clear_days = jurisdiction.law().clear_days;
        }
        let languages = languages?;
        let house_styles = house_styles?;
        // Every wording given in languages that are not the council's (P128).
        let mut wrong = Vec::new();
        for (_, style) in &house_styles {
            for w in style.wordings() {
                wrong.extend(w.check(languages));
            }
        }
        for w in pack
            .standing_text
            .wordings()
            .into_iter()
            .chain(pack.front_sheet.wordings())
        {
            wrong.extend(w.check(languages));
        }
        if !wrong.is_empty() {
            d.errors.extend(wrong);
            return None;
        }
        Some(Council {
            name: name?,
            jurisdiction,
            languages,
            logo: logo?,
            core_purposes: core_purposes?,
            wards: wards?,
            committees: committees?,
            clearances: clearances?,
            font: font?,
            fonts: fonts?,
            docx_template: docx_template?,
            docx_styles: docx_styles?,
            pack,
            rules: rules?.with_defaults_of(jurisdiction),
            house_styles,
            positions: d.take_positions(),
        })
    }
}

/// `house_style:` (named `default`) or `house_styles:`, not both.
fn house_styles_of(
    one: Option<&Node>,
    many: Option<&Node>,
    d: &mut Decoder,
) -> Option<Vec<(String, HouseStyle)>> {
    match (one.filter(|n| !n.is_null()), many.filter(|n| !n.is_null())) {
        (Some(_), Some(n)) => {
            d.coded(
                crate::diagnostics::Code::P125,
                n,
                "`house_style` and `house_styles` are both given",
                "declare one style under `house_style`, or several by name under `house_styles`",
            );
            None
        }
        (Some(n), None) => Some(vec![(
            "default".to_string(),
            d.decode::<HouseStyle>(n, "house_style")?,
        )]),
        (None, Some(n)) => {
            let Value::Map(pairs) = &n.value else {
                d.error(
                    n,
                    "`house_styles` should be a mapping of style name to style",
                    "write `house_styles: { cabinet: {...}, scrutiny: {...} }`",
                );
                return None;
            };
            let mut out = Vec::new();
            let mut ok = true;
            for (key, value) in pairs {
                let name = key.as_str().unwrap_or_default().trim().to_string();
                match d.decode::<HouseStyle>(value, &format!("house_styles.{name}")) {
                    Some(style) => out.push((name, style)),
                    None => ok = false,
                }
            }
            ok.then_some(out)
        }
        (None, None) => Some(Vec::new()),
    }
}

impl Council {
    /// The style named `name`, or the council's first, or Sefton's.
    /// `None` when the council has no style of that name.
    pub fn style(&self, name: Option<&str>) -> Option<&HouseStyle> {
        match name {
            Some(name) => self
                .house_styles
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, s)| s),
            None => Some(match self.house_styles.first() {
                Some((_, s)) => s,
                None => HouseStyle::builtin(),
            }),
        }
    }

    /// The names of the council's styles, for a "did you mean".
    pub fn style_names(&self) -> Vec<&str> {
        self.house_styles.iter().map(|(n, _)| n.as_str()).collect()
    }
}

impl RuleSettings {
    /// The council's settings, then `off` for every rule the jurisdiction's
    /// law turns off (`rules_off`) that the council did not set. Every caller of `rules::apply` passes
    /// `council.rules`, so this is the one place where the law's defaults
    /// meet the council's settings. A default carries no position (line 0):
    /// it is not written in `council.yaml`.
    pub fn with_defaults_of(mut self, jurisdiction: Jurisdiction) -> Self {
        for code in &jurisdiction.law().rules_off {
            if self.0.iter().any(|s| &s.code == code) {
                continue;
            }
            self.0.push(RuleSetting {
                code: code.clone(),
                level: RuleLevel::Off,
                pos: Pos { line: 0, column: 0 },
            });
        }
        self
    }
}

impl Decode for Clearances {
    fn decode(node: &Node, field: &str, d: &mut Decoder) -> Option<Self> {
        let mut f = Fields::new(node, field, d)?;
        let finance = f.get("finance", d);
        let legal = f.get("legal", d);
        f.finish(d);
        Some(Clearances {
            finance: finance?,
            legal: legal?,
        })
    }

    fn absent() -> Option<Self> {
        Some(Clearances {
            finance: Clearance {
                officer: "The Chief Finance Officer".into(),
                prefix: "FD".into(),
            },
            legal: Clearance {
                officer: "the Monitoring Officer".into(),
                prefix: "LD".into(),
            },
        })
    }
}

decode_struct!(Clearance {
    officer: "officer",
    prefix: "prefix",
});
