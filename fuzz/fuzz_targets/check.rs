//! The whole pipeline on arbitrary text: parse, lower, graph, rules, every output format and
//! `fmt`. A crash, a span outside the text or a change of meaning by `fmt` is a finding.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use normcheck::language::format::format_case;
use normcheck::report::{Format, Run};
use normcheck::rules::catalogue::Catalogue;

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::embedded().0)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = normcheck::check_case(catalogue(), "fuzz.case", text);
    for d in &checked.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
    let cases = vec![checked];
    let run = Run {
        catalogue: catalogue(),
        cases: &cases,
        extra: &[],
        other: &[],
        test: None,
    };
    let view = run.view();
    for format in Format::ALL {
        let _ = format.render(&view, false);
    }
    if let Ok(formatted) = format_case(text) {
        assert_eq!(format_case(&formatted).as_deref(), Ok(formatted.as_str()));
    }
});
