//! The case model: what a case file says, as owned data with byte spans. Every fact carries its
//! standing and its place, so that a finding can cite the exact line it rests on. `lower`
//! builds it from the syntax tree.

use std::collections::{HashMap, HashSet};

use hashbrown::hash_table::{Entry, HashTable};
use hashbrown::DefaultHashBuilder;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::Arc;

pub use super::fact::{Fact, FactData, FactId};
use crate::diagnostic::Span;
use crate::language::syntax::RawDate;
use crate::schema::Status;

/// An interned word: an id from the case file or a vocabulary word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sym(pub u32);

impl Sym {
    /// The value of a fact whose value is not known (`intent unknown`).
    pub const UNKNOWN: Sym = Sym(0);
}

/// Hashes symbols (dense `u32`s) with a rotation and a multiplication per field. Symbols are
/// numbered by normcheck in the order words are first met, not chosen by a file, so maps keyed
/// by them need no protection from chosen collisions (words themselves are interned with the
/// standard hasher).
#[derive(Default)]
pub struct SymHasher(u64);

impl Hasher for SymHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by symbols, with `SymHasher`.
pub type SymMap<V> = HashMap<Sym, V, BuildHasherDefault<SymHasher>>;

/// A set of symbols, with `SymHasher`.
pub type SymSet = HashSet<Sym, BuildHasherDefault<SymHasher>>;

/// The words of a case, each stored once and named by a dense `Sym`. Words come from files
/// nobody vetted, so they are hashed with a per-process random seed (hashbrown's default,
/// foldhash): a file cannot be written to make lookups collide. The seed never shows: symbols
/// are numbered in the order words are first met.
#[derive(Clone)]
pub struct Interner {
    /// Each word's symbol, found by the word's hash.
    table: HashTable<Sym>,
    hasher: DefaultHashBuilder,
    names: Vec<Box<str>>,
}

impl fmt::Debug for Interner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.names).finish()
    }
}

impl Default for Interner {
    fn default() -> Interner {
        let mut interner = Interner {
            table: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
            names: Vec::new(),
        };
        interner.intern("?");
        interner
    }
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> Sym {
        let Interner {
            table,
            hasher,
            names,
        } = self;
        let hash = hasher.hash_one(s);
        let entry = table.entry(
            hash,
            |sym| *names[sym.0 as usize] == *s,
            |sym| hasher.hash_one(&*names[sym.0 as usize]),
        );
        match entry {
            Entry::Occupied(found) => *found.get(),
            Entry::Vacant(place) => {
                let sym = Sym(names.len() as u32);
                names.push(s.into());
                place.insert(sym);
                sym
            }
        }
    }

    pub fn get(&self, s: &str) -> Option<Sym> {
        let hash = self.hasher.hash_one(s);
        self.table
            .find(hash, |sym| *self.names[sym.0 as usize] == *s)
            .copied()
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.names.get(sym.0 as usize).map_or("?", |name| name)
    }
}

/// A calendar date that has been checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// The date, if it exists on the calendar (a full date: year, month and day).
    pub fn from_raw(raw: RawDate) -> Option<Date> {
        let (month, day) = (raw.month?, raw.day?);
        (day >= 1 && day <= days_in_month(raw.year, month)?).then_some(Date {
            year: raw.year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (negative before), for arithmetic on dates.
    fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The calendar day `days` after 1970-01-01 (the proleptic Gregorian calendar), kept within
    /// years 0-9999.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, 9999) as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The date `days` days later (earlier if negative), kept within years 0-9999.
    pub fn plus_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }
}

fn days_in_month(year: u16, month: u8) -> Option<u8> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// How precisely a file gives a day: the day itself, its month (`2017-06`) or its year
/// (`2017`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A day as far as the file knows it: one of the days from `earliest` to `latest`. A date
/// written in full is one day; a month or a year is every day in it; `about` a date widens it
/// by a week either side (a month either side of a month, a year either side of a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub earliest: Date,
    pub latest: Date,
    /// As written, for display.
    written: Date,
    precision: Precision,
    about: bool,
}

impl Day {
    pub fn exact(date: Date) -> Day {
        Day {
            earliest: date,
            latest: date,
            written: date,
            precision: Precision::Day,
            about: false,
        }
    }

    /// A day as written (`2017-06-28`, `2017-06`, `2017`), `about` it if `about`; `None` if it
    /// is not on the calendar.
    pub fn from_raw(raw: RawDate, about: bool) -> Option<Day> {
        let (precision, first, last) = match (raw.month, raw.day) {
            (Some(_), Some(_)) => {
                let date = Date::from_raw(raw)?;
                (Precision::Day, date, date)
            }
            (Some(month), None) => {
                let last = days_in_month(raw.year, month)?;
                let at = |day| Date {
                    year: raw.year,
                    month,
                    day,
                };
                (Precision::Month, at(1), at(last))
            }
            (None, _) => {
                let at = |month, day| Date {
                    year: raw.year,
                    month,
                    day,
                };
                (Precision::Year, at(1, 1), at(12, 31))
            }
        };
        let (earliest, latest) = match (about, precision) {
            (false, _) => (first, last),
            (true, Precision::Day) => (first.plus_days(-7), last.plus_days(7)),
            // The first day of the month before and the last of the month after.
            (true, Precision::Month) => (
                first.plus_days(-1).with_day(1),
                last.plus_days(1).end_of_month(),
            ),
            (true, Precision::Year) => (
                Date {
                    year: first.year.saturating_sub(1),
                    ..first
                },
                Date {
                    year: last.year.saturating_add(1).min(9999),
                    ..last
                },
            ),
        };
        Some(Day {
            earliest,
            latest,
            written: first,
            precision,
            about,
        })
    }

    /// Whether the file pins it to one day.
    pub fn is_exact(&self) -> bool {
        self.earliest == self.latest
    }
}

impl Date {
    fn with_day(self, day: u8) -> Date {
        Date { day, ..self }
    }

    fn end_of_month(self) -> Date {
        let day = days_in_month(self.year, self.month).unwrap_or(self.day);
        Date { day, ..self }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.about {
            f.write_str("about ")?;
        }
        let d = self.written;
        match self.precision {
            Precision::Day => write!(f, "{d}"),
            Precision::Month => write!(f, "{:04}-{:02}", d.year, d.month),
            Precision::Year => write!(f, "{:04}", d.year),
        }
    }
}

/// Whether one day comes no later than another, as far as the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Yes,
    No,
    /// It turns on days the file does not pin down.
    Unsure,
}

impl Order {
    /// `a` is no later than `b`.
    pub fn no_later(a: Day, b: Day) -> Order {
        if a.latest <= b.earliest {
            Order::Yes
        } else if a.earliest > b.latest {
            Order::No
        } else {
            Order::Unsure
        }
    }

    /// Both hold.
    pub fn and(self, other: Order) -> Order {
        match (self, other) {
            (Order::No, _) | (_, Order::No) => Order::No,
            (Order::Yes, Order::Yes) => Order::Yes,
            _ => Order::Unsure,
        }
    }
}

/// When something happened: a day, or a period that may still be going on. Either end may be
/// known only to the month or year, or approximately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub from: Day,
    pub to: End,
}

/// How a `When` ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A single day: it ends the day it begins.
    SameDay,
    /// A period that ends on this day.
    On(Day),
    /// A period still going on (`2022-02-24..`).
    Ongoing,
}

impl When {
    /// An exact day.
    pub fn day(date: Date) -> When {
        When {
            from: Day::exact(date),
            to: End::SameDay,
        }
    }

    /// The first day.
    pub fn start(&self) -> Day {
        self.from
    }

    /// The last day, or `None` if still going on.
    pub fn end(&self) -> Option<Day> {
        match self.to {
            End::SameDay => Some(self.from),
            End::On(to) => Some(to),
            End::Ongoing => None,
        }
    }

    /// Whether both ends are pinned to a day.
    pub fn is_exact(&self) -> bool {
        self.from.is_exact() && self.end().is_none_or(|d| d.is_exact())
    }

    /// Whether `day` falls within it.
    pub fn contains(&self, day: Day) -> Order {
        let after_start = Order::no_later(self.from, day);
        match self.end() {
            Some(end) => after_start.and(Order::no_later(day, end)),
            None => after_start,
        }
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            End::SameDay => write!(f, "{}", self.from),
            End::On(to) => write!(f, "{}..{}", self.from, to),
            End::Ongoing => write!(f, "{}..", self.from),
        }
    }
}

/// How well established a fact is. Several clauses can hold at once: alleged by one State and
/// denied by another. Disputing and denying weigh the same in every rule; they are kept apart
/// only so that a finding says what the file said. A standing is one pointer, none for an
/// established fact, and shared: every fact of a block inherits its declaration's standing, and
/// a copy is a reference count, not a copy of the States (nor is a standing that adds
/// `unknown` to another).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing(Option<Arc<Clauses>>);

#[derive(Debug, Default, PartialEq, Eq)]
struct Clauses {
    alleged_by: Arc<[Sym]>,
    disputed_by: Arc<[Sym]>,
    denied_by: Arc<[Sym]>,
    unknown: bool,
    /// The `source` declarations the file gives for the fact: what establishes it, or what
    /// reports the allegation. They say where a fact comes from, not how well established it is.
    sources: Arc<[Sym]>,
}

impl Standing {
    pub fn is_established(&self) -> bool {
        !self.is_contested() && !self.is_unknown()
    }

    /// The sources the file names for the fact, in the order first named.
    pub fn sources(&self) -> &[Sym] {
        self.0.as_ref().map_or(&[], |c| &c.sources)
    }

    pub fn unknown() -> Standing {
        Standing(Some(Arc::new(Clauses {
            unknown: true,
            ..Clauses::default()
        })))
    }

    /// The States that allege the fact, in the order first named.
    pub fn alleged_by(&self) -> &[Sym] {
        self.0.as_ref().map_or(&[], |c| &c.alleged_by)
    }

    /// The States that dispute the fact, in the order first named.
    pub fn disputed_by(&self) -> &[Sym] {
        self.0.as_ref().map_or(&[], |c| &c.disputed_by)
    }

    /// The States that deny the fact, in the order first named.
    pub fn denied_by(&self) -> &[Sym] {
        self.0.as_ref().map_or(&[], |c| &c.denied_by)
    }

    /// Whether some State alleges, disputes or denies the fact.
    pub fn is_contested(&self) -> bool {
        !self.alleged_by().is_empty()
            || !self.disputed_by().is_empty()
            || !self.denied_by().is_empty()
    }

    /// Whether the fact is marked unknown.
    pub fn is_unknown(&self) -> bool {
        self.0.as_ref().is_some_and(|c| c.unknown)
    }

    /// This standing with more States alleging, disputing and denying, each named once in
    /// each list, in the order first named; in time linear in the States named.
    pub fn with(&self, more: Contest<'_>, unknown: bool) -> Standing {
        let none_more = more.alleged.is_empty()
            && more.disputed.is_empty()
            && more.denied.is_empty()
            && more.sources.is_empty();
        if none_more && (!unknown || self.is_unknown()) {
            return self.clone();
        }
        let empty = || Arc::from([]);
        let base = |f: fn(&Clauses) -> &Arc<[Sym]>| {
            self.0.as_ref().map_or_else(empty, |c| Arc::clone(f(c)))
        };
        let clauses = Clauses {
            alleged_by: union(base(|c| &c.alleged_by), more.alleged),
            disputed_by: union(base(|c| &c.disputed_by), more.disputed),
            denied_by: union(base(|c| &c.denied_by), more.denied),
            unknown: self.is_unknown() || unknown,
            sources: union(base(|c| &c.sources), more.sources),
        };
        let plain = clauses.alleged_by.is_empty()
            && clauses.disputed_by.is_empty()
            && clauses.denied_by.is_empty()
            && clauses.sources.is_empty()
            && !clauses.unknown;
        Standing((!plain).then(|| Arc::new(clauses)))
    }

    /// The standing of a fact stated inside a block that has a standing of its own.
    pub fn merged(&self, other: &Standing) -> Standing {
        let more = Contest {
            alleged: other.alleged_by(),
            disputed: other.disputed_by(),
            denied: other.denied_by(),
            sources: other.sources(),
        };
        self.with(more, other.is_unknown())
    }
}

/// The States a standing adds: those that allege, dispute and deny a fact.
#[derive(Debug, Clone, Copy, Default)]
pub struct Contest<'a> {
    pub alleged: &'a [Sym],
    pub disputed: &'a [Sym],
    pub denied: &'a [Sym],
    pub sources: &'a [Sym],
}

fn union(base: Arc<[Sym]>, more: &[Sym]) -> Arc<[Sym]> {
    if more.is_empty() {
        return base;
    }
    let mut seen: SymSet = base.iter().copied().collect();
    let mut out = base.to_vec();
    out.extend(more.iter().filter(|s| seen.insert(**s)));
    out.into()
}

/// What kind of thing an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    State,
    Organ,
    Actor,
    Object,
    Act,
    Notification,
    Request,
    Attribution,
    Consultation,
    Response,
    /// A State's assistance to another (`assistance m1 { ... }`).
    Assistance,
    Conflict,
    /// A policy document: a draft strategy, doctrine or plan.
    Document,
    /// An international organisation (the EU, NATO, the UN): it can attribute acts and allege
    /// or deny facts, but the norms address States.
    Organisation,
    /// A statement, report or court document a fact comes from (`source ncsc "..."`).
    Source,
}

impl EntityKind {
    pub fn noun(self) -> &'static str {
        match self {
            EntityKind::State => "a State",
            EntityKind::Organ => "a State organ",
            EntityKind::Actor => "a non-State actor",
            EntityKind::Object => "an object (infrastructure, system, product or vulnerability)",
            EntityKind::Act => "an act",
            EntityKind::Notification => "a notification",
            EntityKind::Request => "a request",
            EntityKind::Attribution => "an attribution",
            EntityKind::Consultation => "a consultation",
            EntityKind::Response => "a response",
            EntityKind::Assistance => "an assistance mission",
            EntityKind::Conflict => "an armed conflict",
            EntityKind::Organisation => "an international organisation",
            EntityKind::Source => "a source",
            EntityKind::Document => "a policy document",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: Sym,
    pub kind: EntityKind,
    pub name: Option<String>,
    pub span: Span,
    pub standing: Standing,
    /// The `Declared` fact.
    pub fact: FactId,
}

/// What a worked case expects of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// `None` for "not implicated".
    pub status: Option<Status>,
    pub rule: String,
    pub rule_span: Span,
    /// `None` for any party.
    pub party: Option<Sym>,
    /// The act or event the finding is about; `None` for any.
    pub about: Option<Sym>,
    pub span: Span,
}

/// A finding the file's authors have looked at and set aside, with their reason:
/// `suppress RULE "reason" [for STATE] [about ID] [until YYYY-MM-DD]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rule: String,
    pub rule_span: Span,
    pub reason: String,
    /// `None` for any party.
    pub party: Option<Sym>,
    /// `None` for anything the rule's findings are about.
    pub about: Option<Sym>,
    /// After this day the suppression stops working, and says so.
    pub until: Option<(Date, Span)>,
    pub span: Span,
}

/// A lowered case file.
#[derive(Debug, Clone, Default)]
pub struct Case {
    pub title: String,
    pub title_span: Span,
    pub summary: Option<String>,
    /// The `source` lines of the `case` block, then each `source ID "..."` declared, as
    /// `ID: name`.
    pub sources: Vec<String>,
    pub assessed: Vec<Date>,
    pub entities: Vec<Entity>,
    pub entity_index: SymMap<usize>,
    /// Every fact, in file order.
    pub facts: Vec<Fact>,
    pub expectations: Vec<Expectation>,
    pub suppressions: Vec<Suppression>,
    /// Paragraphs the analyst cites (`cite "A/76/135 ¶30(c)"`), checked against the corpus
    /// once the catalogue is at hand.
    pub citations: Vec<(String, Span)>,
    pub interner: Interner,
    /// The policy document the file states, if it is one (`policy ID "Title" { of STATE }`).
    pub document: Option<Sym>,
    /// The headings of a Markdown document, for findings with no line of their own.
    pub sections: Vec<crate::language::markdown::Section>,
}

impl Case {
    /// The States the case declares, in file order.
    pub fn states(&self) -> impl Iterator<Item = &Entity> + '_ {
        self.entities.iter().filter(|e| e.kind == EntityKind::State)
    }

    pub fn entity(&self, id: Sym) -> Option<&Entity> {
        self.entity_index.get(&id).map(|&i| &self.entities[i])
    }

    pub fn kind_of(&self, id: Sym) -> Option<EntityKind> {
        self.entity(id).map(|e| e.kind)
    }

    pub fn name(&self, sym: Sym) -> &str {
        self.interner.name(sym)
    }

    /// A sentence describing a fact, for evidence lists. Made on demand: most facts are never
    /// shown.
    pub fn describe(&self, fact: &Fact) -> String {
        fact.data.describe(&self.interner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(year: u16, month: Option<u8>, day: Option<u8>) -> RawDate {
        RawDate { year, month, day }
    }

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn days_since_the_epoch_round_trip_over_centuries() {
        let mut day = date(1899, 12, 31);
        for n in 0..100_000 {
            let next = day.plus_days(1);
            assert!(next > day, "{day} then {next}");
            assert_eq!(Date::from_days(day.to_days()), day);
            assert_eq!(
                Date::from_raw(raw(day.year, Some(day.month), Some(day.day))),
                Some(day),
                "{n}"
            );
            day = next;
        }
        assert_eq!(date(1970, 1, 1).to_days(), 0);
        assert_eq!(date(2024, 3, 1).plus_days(-1), date(2024, 2, 29));
        assert_eq!(date(2023, 3, 1).plus_days(-1), date(2023, 2, 28));
    }

    #[test]
    fn a_month_a_year_or_about_a_date_spans_the_days_it_may_be() {
        let month = Day::from_raw(raw(2024, Some(2), None), false).unwrap();
        assert_eq!(
            (month.earliest, month.latest),
            (date(2024, 2, 1), date(2024, 2, 29))
        );
        assert_eq!(month.to_string(), "2024-02");
        let year = Day::from_raw(raw(2015, None, None), false).unwrap();
        assert_eq!(
            (year.earliest, year.latest),
            (date(2015, 1, 1), date(2015, 12, 31))
        );
        let about = Day::from_raw(raw(2017, Some(6), Some(28)), true).unwrap();
        assert_eq!(
            (about.earliest, about.latest),
            (date(2017, 6, 21), date(2017, 7, 5))
        );
        assert_eq!(about.to_string(), "about 2017-06-28");
        let about_month = Day::from_raw(raw(2017, Some(1), None), true).unwrap();
        assert_eq!(
            (about_month.earliest, about_month.latest),
            (date(2016, 12, 1), date(2017, 2, 28))
        );
        let about_year = Day::from_raw(raw(2015, None, None), true).unwrap();
        assert_eq!(
            (about_year.earliest, about_year.latest),
            (date(2014, 1, 1), date(2016, 12, 31))
        );
        assert!(Day::from_raw(raw(2024, Some(13), None), false).is_none());
        assert!(Day::from_raw(raw(2023, Some(2), Some(29)), false).is_none());
    }

    #[test]
    fn order_is_certain_only_when_every_day_agrees() {
        let day = |y, m, d| Day::exact(date(y, m, d));
        let march = Day::from_raw(raw(2024, Some(3), None), false).unwrap();
        assert_eq!(Order::no_later(day(2024, 2, 29), march), Order::Yes);
        assert_eq!(Order::no_later(day(2024, 3, 1), march), Order::Yes);
        assert_eq!(Order::no_later(day(2024, 3, 15), march), Order::Unsure);
        assert_eq!(Order::no_later(day(2024, 4, 1), march), Order::No);
        assert_eq!(Order::no_later(march, day(2024, 3, 31)), Order::Yes);
        let period = When {
            from: march,
            to: End::On(day(2024, 6, 30)),
        };
        assert_eq!(period.contains(day(2024, 5, 1)), Order::Yes);
        assert_eq!(period.contains(day(2024, 3, 2)), Order::Unsure);
        assert_eq!(period.contains(day(2024, 7, 1)), Order::No);
    }
}
