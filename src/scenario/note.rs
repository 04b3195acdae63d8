//! How a derived tuple was derived: the sentence a finding's chain shows for it.

use crate::language::model::{Day, Interner, Sym};

/// How a derived tuple was derived: a sentence for the chain of a finding, written out only
/// when a finding that rests on the tuple is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The act is carried out by a State itself.
    ByState {
        act: Sym,
        state: Sym,
    },
    /// By an organ of the State (ARSIWA art. 4).
    ByOrgan {
        act: Sym,
        organ: Sym,
        state: Sym,
        /// The file says the organ exceeded its authority (ARSIWA art. 7).
        beyond_authority: bool,
    },
    /// By a non-State actor acting on the State's instructions, under its direction or
    /// control (ARSIWA art. 8).
    Art8 {
        tied: Tied,
        tie: Sym,
        /// The organ of the State the actor is tied to, if the tie names one.
        organ: Option<Sym>,
    },
    /// This operation, by whoever carried it out, was on a State's instructions or under its
    /// direction or control (ARSIWA art. 8, assessed per operation).
    Art8Operation {
        act: Sym,
        state: Sym,
        tie: Sym,
        organ: Option<Sym>,
    },
    /// The State acknowledged and adopted the act as its own (ARSIWA art. 11).
    Adopted {
        act: Sym,
        state: Sym,
    },
    Supported(Tied),
    Tolerated(Tied),
    /// normcheck counts the act as one that can be internationally wrongful, for its kind or
    /// effect `word`.
    Harmful {
        act: Sym,
        word: Sym,
    },
    /// A State from whose territory the act came knew of it while it went on.
    Aware {
        state: Sym,
        act: Sym,
        day: Day,
    },
    InArmedConflict {
        act: Sym,
        conflict: Sym,
        party: Sym,
        /// The other party, whose side the act hits.
        victim: Sym,
        /// A State against an organised armed group, rather than States against each other.
        non_international: bool,
    },
    /// A request's receipt was acknowledged, and no determination followed.
    AcknowledgedOnly {
        request: Sym,
    },
    /// A responding State was in contact with the other about the act before responding.
    Contact {
        by: Sym,
        against: Sym,
        about: Sym,
        day: Day,
    },
}

/// An act carried out by a non-State actor with a tie to a State.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tied {
    pub(super) act: Sym,
    pub(super) actor: Sym,
    pub(super) state: Sym,
}

impl Note {
    pub fn text(&self, names: &Interner) -> String {
        let n = |sym: Sym| names.name(sym);
        let how = |tie: &str| match tie {
            "instructions" => "on the instructions of",
            "direction" => "under the direction of",
            _ => "under the control of",
        };
        let through = |organ: Option<Sym>| match organ {
            Some(organ) => format!(" through its organ `{}`", n(organ)),
            None => String::new(),
        };
        match *self {
            Note::ByState { act, state } => {
                format!("`{}` is carried out by {} itself", n(act), n(state))
            }
            Note::ByOrgan {
                act,
                organ,
                state,
                beyond_authority: false,
            } => format!(
                "`{}` is carried out by `{}`, an organ of {} (ARSIWA art. 4)",
                n(act),
                n(organ),
                n(state)
            ),
            Note::ByOrgan {
                act, organ, state, ..
            } => format!(
                "`{}` is carried out by `{}`, an organ of {st}, which exceeded its authority or \
                 contravened instructions: its conduct is still {st}'s (ARSIWA arts. 4 and 7)",
                n(act),
                n(organ),
                st = n(state)
            ),
            Note::Art8 { tied, tie, organ } => format!(
                "`{}` is carried out by `{}`, acting {} {}{} (ARSIWA art. 8); the tie is recorded \
                 for `{}` in general, not for this operation, and control is assessed operation \
                 by operation (ICJ Bosnian Genocide ¶400)",
                n(tied.act),
                n(tied.actor),
                how(n(tie)),
                n(tied.state),
                through(organ),
                n(tied.actor)
            ),
            Note::Art8Operation {
                act,
                state,
                tie,
                organ,
            } => format!(
                "`{}` is carried out {} {}{} (ARSIWA art. 8, for this operation)",
                n(act),
                how(n(tie)),
                n(state),
                through(organ)
            ),
            Note::Adopted { act, state } => format!(
                "{} acknowledged and adopted `{}` as its own (ARSIWA art. 11)",
                n(state),
                n(act)
            ),
            Note::Supported(tied) => format!(
                "`{}` is carried out by `{}`, supported by {st}; support alone does not make \
                 it {st}'s conduct",
                n(tied.act),
                n(tied.actor),
                st = n(tied.state)
            ),
            Note::Tolerated(tied) => format!(
                "`{}` is carried out by `{}`, tolerated by {st}; toleration does not make it \
                 {st}'s conduct",
                n(tied.act),
                n(tied.actor),
                st = n(tied.state)
            ),
            Note::Harmful { act, word } => format!(
                "`{}` ({}) counts as an act that can be internationally wrongful, on \
                 normcheck's reading",
                n(act),
                n(word)
            ),
            Note::AcknowledgedOnly { request } => format!(
                "request `{}` was acknowledged, and no answer saying whether assistance can be \
                 given followed (A/76/135 ¶53-54)",
                n(request)
            ),
            Note::Aware { state, act, day } => format!(
                "{} knew of `{}` on {day}, while it was still going on",
                n(state),
                n(act)
            ),
            Note::InArmedConflict {
                act,
                conflict,
                party,
                victim,
                ..
            } if party == victim => format!(
                "`{}` takes place on {}'s own territory during the non-international armed \
                 conflict `{}`",
                n(act),
                n(party),
                n(conflict)
            ),
            Note::InArmedConflict {
                act,
                conflict,
                party,
                victim,
                non_international,
            } => format!(
                "`{}` takes place during {} armed conflict `{}` between {} and {}",
                n(act),
                match non_international {
                    true => "the non-international",
                    false => "the international",
                },
                n(conflict),
                n(party),
                n(victim)
            ),
            Note::Contact {
                by,
                against,
                about,
                day,
            } => format!(
                "{} was in contact with {} about `{}` on {day}, before responding",
                n(by),
                n(against),
                n(about)
            ),
        }
    }
}
