//! Rendering: a run as people and programs read it. `view` computes, once per finding, what
//! every format shows; each format is one small file that prints the view (`human`, `json`,
//! `sarif`, `markdown`); `diagnostics` renders diagnostics through miette, `docs` the catalogue
//! and the texts, `dot` the scenario graph. Pure: every function returns a string.

mod diagnostics;
pub mod docs;
pub mod dot;
mod human;
mod json;
mod markdown;
mod sarif;
pub mod view;

pub use diagnostics::{render_diagnostic, SourceFile};
pub use human::why_not;
pub use view::{Run, RunView};

/// An output format of `check` and `test`. A new format is a file that prints a `RunView`
/// and a variant here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: findings with their evidence and cautions, then diagnostics.
    Human,
    /// One JSON document: `{"version": 1, "cases", "diagnostics", "findings"}`.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// A Markdown report to share an assessment.
    Markdown,
}

impl Format {
    pub const ALL: &'static [Format] =
        &[Format::Human, Format::Json, Format::Sarif, Format::Markdown];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Markdown => "markdown",
        }
    }

    /// One line for `--help`.
    pub fn about(self) -> &'static str {
        match self {
            Format::Human => "for people: findings, evidence, cautions, diagnostics",
            Format::Json => "one JSON document for programs",
            Format::Sarif => "SARIF 2.1.0, for code-scanning dashboards",
            Format::Markdown => "a Markdown report to share an assessment",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The run in this format; `color` applies to human output only.
    pub fn render(self, run: &RunView<'_>, color: bool) -> String {
        match self {
            Format::Human => human::render(run, color),
            Format::Json => json::render(run),
            Format::Sarif => sarif::render(run),
            Format::Markdown => markdown::render(run),
        }
    }
}
