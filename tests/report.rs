//! `normcheck report`: the pages it writes, where it writes them, and what it never touches.
//! What a browser makes of the pages is `tests/browser.rs`.

// Tests read fixtures from disk and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

mod common;

use normcheck::check_case;
use normcheck::report::drawing;
use normcheck::report::html::{self, index};
use normcheck::report::view::CaseView;
use normcheck::rules::catalogue::Catalogue;
use normcheck::rules::whatif::whatif;

fn report(paths: &[&str], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_normcheck"))
        .arg("report")
        .args(paths)
        .arg("-o")
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("NORMCHECK_TODAY", "2026-01-01")
        .output()
        .unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The values of an attribute in a page, in order.
fn attributes<'a>(page: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    page.match_indices(&key)
        .map(|(at, _)| {
            let rest = &page[at + key.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn every_shipped_case_gets_a_page_whose_highlights_and_links_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(&["cases"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let index_page = read(&dir.path().join("index.html"));
    let mut pages = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = read(&path);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Self-contained: nothing is fetched, and the policy forbids it anyway.
        assert!(page.contains("Content-Security-Policy"), "{name}");
        for fetch in [" src=", "<link", "@import", "url(http", "<iframe"] {
            assert!(!page.contains(fetch), "{name} fetches: {fetch}");
        }
        // normcheck's own words; the texts it quotes keep theirs.
        assert!(
            !own_words(&page).to_lowercase().contains("violat"),
            "{name}"
        );
        let ids: HashSet<&str> = attributes(&page, "id").into_iter().collect();
        assert_eq!(
            ids.len(),
            attributes(&page, "id").len(),
            "{name}: an id is used twice"
        );
        for href in attributes(&page, "href") {
            if let Some(anchor) = href.strip_prefix('#') {
                assert!(
                    ids.contains(anchor),
                    "{name}: a link to #{anchor}, not on the page"
                );
            }
        }
        if name == "index.html" {
            continue;
        }
        pages += 1;
        assert!(
            page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"scenario\""),
            "{name}: no drawing"
        );
        // Every element a finding highlights is drawn, and every finding highlights some.
        let highlights = attributes(&page, "data-hl");
        assert_eq!(
            highlights.len(),
            page.matches("<article class=\"finding\"").count()
        );
        for list in highlights {
            assert!(!list.is_empty(), "{name}: a finding highlights nothing");
            for id in list.split(' ') {
                assert!(
                    ids.contains(id),
                    "{name}: highlights {id}, which is not drawn"
                );
            }
        }
        // Each finding's anchor on the page is one the index can link to.
        for (i, _) in page.match_indices("<article class=\"finding\"").enumerate() {
            assert!(ids.contains(format!("f{}", i + 1).as_str()), "{name}");
        }
    }
    assert_eq!(pages, normcheck_cases(), "a page per case");
    // Each cell of the index links to a finding on a page that has it.
    let links = attributes(&index_page, "href");
    assert!(links.iter().filter(|l| l.contains('#')).count() >= 100);
    for link in links {
        let (page, anchor) = link.split_once('#').unwrap_or((link, ""));
        let target = read(&dir.path().join(page));
        if !anchor.is_empty() {
            assert!(target.contains(&format!("id=\"{anchor}\"")), "{link}");
        }
    }
}

/// A page without the texts it quotes: paragraphs in `<blockquote>`, and quotations.
fn own_words(page: &str) -> String {
    let mut out = String::new();
    for (i, part) in page.split("<blockquote>").enumerate() {
        let part = match i {
            0 => part,
            _ => part
                .split_once("</blockquote>")
                .map_or("", |(_, rest)| rest),
        };
        for (j, piece) in part.split("&quot;").enumerate() {
            if j % 2 == 0 {
                out.push_str(piece);
            }
        }
    }
    out
}

/// The files `report` makes a page of: the worked cases and policy documents, Markdown files
/// among them only if they hold statements.
fn normcheck_cases() -> usize {
    common::case_files()
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "md") || read(p).contains("```normcheck"))
        .count()
}

#[test]
fn a_directory_it_did_not_write_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = report(&["cases/notpetya-2017.case"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not empty, and no report of normcheck's is in it"),
        "{err}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
    assert_eq!(read(&dir.path().join("notes.txt")), "mine");

    let file = dir.path().join("notes.txt");
    let out = report(&["cases/notpetya-2017.case"], &file);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a directory"));
}

#[test]
fn a_later_run_replaces_its_own_pages_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("report");
    let out = report(
        &["cases/notpetya-2017.case", "cases/wannacry-2017.case"],
        &out_dir,
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote 2 case pages"));
    let first = read(&out_dir.join("notpetya-2017.html"));
    std::fs::write(out_dir.join("notes.txt"), "mine").unwrap();
    let out = report(&["cases/notpetya-2017.case"], &out_dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // The same case gives the same page, byte for byte.
    assert_eq!(read(&out_dir.join("notpetya-2017.html")), first);
    // The page of a case no longer in the run is gone; the user's file is not.
    assert!(!out_dir.join("wannacry-2017.html").exists());
    assert_eq!(read(&out_dir.join("notes.txt")), "mine");
    assert!(!read(&out_dir.join("index.html")).contains("wannacry"));
}

#[test]
fn a_case_with_errors_gets_a_page_that_says_it_was_not_assessed() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(
        &["tests/bad/undeclared-id.case", "cases/notpetya-2017.case"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "invalid input");
    assert!(String::from_utf8_lossy(&out.stderr).contains("undeclared-id"));
    let page = read(&dir.path().join("undeclared-id.html"));
    assert!(page.contains("Not assessed: the file has errors"), "{page}");
    assert!(read(&dir.path().join("index.html")).contains("Not assessed: the file has errors"));
    assert!(dir.path().join("notpetya-2017.html").exists());
}

#[test]
fn two_files_with_one_name_get_two_pages() {
    let dir = tempfile::tempdir().unwrap();
    let copy = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("cases/lessons/proxy-tolerated.case"),
        copy.path().join("notpetya-2017.case"),
    )
    .unwrap();
    let other = copy.path().join("notpetya-2017.case");
    let out = report(
        &["cases/notpetya-2017.case", other.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(read(&dir.path().join("notpetya-2017.html")).contains("NotPetya"));
    assert!(dir.path().join("notpetya-2017-2.html").exists());
}

/// The page of a worked case, as a reader gets it.
#[test]
fn page_of_a_worked_case() {
    let (catalogue, _) = Catalogue::embedded();
    let path = "cases/lessons/proxy-tolerated.case";
    let text = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path));
    let case = check_case(&catalogue, path, text);
    let levers = whatif(&catalogue, &case.scenario, &case.findings);
    let svg = drawing::svg(&case.scenario, false).unwrap();
    let view = CaseView::new(&catalogue, &case, &[]);
    insta::assert_snapshot!(
        "proxy-tolerated-page",
        html::case_page(&view, &levers, Ok(&svg))
    );
    let rows = [index::row(&view, "proxy-tolerated.html")];
    insta::assert_snapshot!("proxy-tolerated-index", index::page(&catalogue, &rows));
}

/// A file of the user's is never replaced, whatever a case is named, and a link in the
/// directory is never written through.
#[test]
fn a_page_never_takes_the_place_of_a_file_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("report");
    let cases = dir.path().join("cases");
    std::fs::create_dir_all(&cases).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lesson = read(&root.join("cases/lessons/proxy-tolerated.case"));
    std::fs::write(cases.join("first.case"), &lesson).unwrap();
    let first = cases.join("first.case");
    let out = report(&[first.to_str().unwrap()], &out_dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    std::fs::write(out_dir.join("notes.html"), "MY NOTES").unwrap();
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "OUTSIDE").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, out_dir.join("linked.html")).unwrap();
    std::fs::write(cases.join("notes.case"), &lesson).unwrap();
    std::fs::write(cases.join("Linked.case"), &lesson).unwrap();
    let out = report(&[cases.to_str().unwrap()], &out_dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(read(&out_dir.join("notes.html")), "MY NOTES");
    assert!(read(&out_dir.join("notes-2.html")).contains("<!DOCTYPE html>"));
    assert_eq!(read(&outside), "OUTSIDE");
    #[cfg(unix)]
    assert!(read(&out_dir.join("linked-2.html")).contains("<!DOCTYPE html>"));
    let index = read(&out_dir.join("index.html"));
    assert!(index.contains("href=\"notes-2.html\""));
    assert!(!index.contains("href=\"notes.html\""));
}

#[test]
fn page_names_are_plain_and_a_file_named_twice_is_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let cases = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lesson = read(&root.join("cases/lessons/proxy-tolerated.case"));
    for name in ["a#b.case", "C?D.case", "index.case"] {
        std::fs::write(cases.path().join(name), &lesson).unwrap();
    }
    let a = cases.path().join("a#b.case");
    let again = cases.path().join(".").join("a#b.case");
    let out = report(
        &[
            a.to_str().unwrap(),
            again.to_str().unwrap(),
            cases.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".normcheck-report",
            "a-b.html",
            "c-d.html",
            "index-2.html",
            "index.html"
        ]
    );
}

/// A case with nothing to draw gets a page that says so; nothing panics.
#[test]
fn a_case_with_nothing_to_draw_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let cases = tempfile::tempdir().unwrap();
    let file = cases.path().join("bare.case");
    std::fs::write(
        &file,
        "case \"Nothing yet\" {\n  summary \"See (https://example.org/a_(b)), then https://example.org/c.\"\n}\n",
    )
    .unwrap();
    let out = report(&[file.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let page = read(&dir.path().join("bare.html"));
    assert!(page.contains("Not drawn: the case declares nothing the drawing shows."));
    // Addresses end where the text around them says, not at their own parentheses.
    assert!(
        page.contains("<a href=\"https://example.org/a_(b)\""),
        "{page}"
    );
    assert!(page.contains("<a href=\"https://example.org/c\""), "{page}");
}

#[test]
fn nothing_is_made_when_there_is_nothing_to_report() {
    let dir = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("report");
    let out = report(&[empty.path().to_str().unwrap()], &out_dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_dir.exists());
}

/// A run that cannot finish writes nothing it will not own; a second run waits for the first;
/// a long file name gives a page name of bounded length.
#[test]
fn the_output_directory_stays_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("report");
    let out = report(&["cases/notpetya-2017.case"], &out_dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    // An index that is not the report's (a link put in its place): refused before any page
    // is written, and not written through.
    #[cfg(unix)]
    {
        let mine = dir.path().join("mine.html");
        std::fs::write(&mine, "MINE").unwrap();
        std::fs::remove_file(out_dir.join("index.html")).unwrap();
        std::os::unix::fs::symlink(&mine, out_dir.join("index.html")).unwrap();
        let out = report(&["cases/wannacry-2017.case"], &out_dir);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("is not a page of normcheck's"));
        assert!(!out_dir.join("wannacry-2017.html").exists());
        assert_eq!(read(&mine), "MINE");
        std::fs::remove_file(out_dir.join("index.html")).unwrap();
    }

    // Another run under way.
    std::fs::write(out_dir.join(".normcheck-report.lock"), "").unwrap();
    let out = report(&["cases/wannacry-2017.case"], &out_dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another report is being written"));
    std::fs::remove_file(out_dir.join(".normcheck-report.lock")).unwrap();

    // A page an older run listed under another case of letters is still the report's.
    let marker = out_dir.join(".normcheck-report");
    std::fs::write(&marker, "# x\nNotPetya-2017.html\n").unwrap();
    std::fs::rename(
        out_dir.join("notpetya-2017.html"),
        out_dir.join("NotPetya-2017.html"),
    )
    .unwrap();
    let cases = tempfile::tempdir().unwrap();
    let long = cases.path().join(format!("{}.case", "y".repeat(240)));
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/wannacry-2017.case"),
        &long,
    )
    .unwrap();
    let out = report(&[long.to_str().unwrap()], &out_dir);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let page = format!("{}.html", "y".repeat(100));
    assert_eq!(names, [".normcheck-report", "index.html", page.as_str()]);
    assert_eq!(
        read(&marker).lines().skip(1).collect::<Vec<_>>(),
        [page.as_str(), "index.html"]
    );
}
