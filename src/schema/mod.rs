//! The vocabulary shared by the case language, the scenario and the rules: the words a case
//! file may use (`vocabulary`), the relations rule patterns match with the words each field
//! holds (`relations`), and how far a finding is established (`Status`). Depends on nothing
//! else in the crate, so each stage can name these without knowing the others.

pub mod relations;
pub mod vocabulary;

pub use relations::{Field, FieldValues, Rel};

/// What an edge of the scenario graph says: the link a fact makes between two things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    OrganOf,
    /// A non-State actor's relation to a State; the fact says which.
    Tie,
    ActorIn,
    LocatedIn,
    Serves,
    OperatedBy,
    By,
    Against,
    Origin,
    Transit,
    Exploits,
    KnownTo,
    From,
    To,
    About,
    AttributedTo,
    Party,
    /// A policy document is a State's.
    Of,
    /// A policy document permits or requires conduct.
    Provides,
    /// A State acknowledges and adopts an act as its own (ARSIWA art. 11).
    AdoptedBy,
    /// A State praises an act without adopting it.
    PraisedBy,
    /// An act has effects on an object it was not aimed at.
    Affects,
}

impl EdgeKind {
    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::OrganOf => "organ of",
            EdgeKind::Tie => "tied to",
            EdgeKind::ActorIn => "operates in",
            EdgeKind::LocatedIn => "located in",
            EdgeKind::Serves => "serves",
            EdgeKind::OperatedBy => "operated by",
            EdgeKind::By => "by",
            EdgeKind::Against => "against",
            EdgeKind::Origin => "emanates from",
            EdgeKind::Transit => "transits",
            EdgeKind::Exploits => "exploits",
            EdgeKind::KnownTo => "known to",
            EdgeKind::From => "from",
            EdgeKind::To => "to",
            EdgeKind::About => "about",
            EdgeKind::AttributedTo => "attributed to",
            EdgeKind::Party => "party",
            EdgeKind::Of => "of",
            EdgeKind::Provides => "permits or requires",
            EdgeKind::AdoptedBy => "adopted by",
            EdgeKind::PraisedBy => "praised by",
            EdgeKind::Affects => "affects",
        }
    }
}

/// How far a finding is established: the status of a finding, and the status an `expect`
/// line of a worked case asks for. Ordered from the most to the least established, so that of
/// two matches for one finding the lower status is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Every element rests on established facts.
    Implicated,
    /// Conduct a policy document permits or requires would implicate the commitment, every
    /// element resting on what the document states: nothing has been done.
    WouldImplicate,
    /// Some element rests on facts that are alleged, disputed or denied.
    ImplicatedIfAlleged,
    /// A policy document lacks a measure the texts recommend (an implementation-gap rule).
    Gap,
    /// Some element rests on a fact whose truth is unknown.
    CannotAssess,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Implicated,
        Status::WouldImplicate,
        Status::ImplicatedIfAlleged,
        Status::Gap,
        Status::CannotAssess,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Implicated => "implicated",
            Status::WouldImplicate => "would-implicate",
            Status::ImplicatedIfAlleged => "implicated-if-alleged",
            Status::Gap => "gap",
            Status::CannotAssess => "cannot-assess",
        }
    }

    pub fn from_word(word: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == word)
    }
}
