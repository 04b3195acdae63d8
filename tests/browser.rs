//! The report in a real browser: headless Chromium opens a worked case's page and the index,
//! runs their scripts, and logs every request it makes. The pages must show the drawing,
//! highlight what the selected finding rests on, and make no request at all.
//!
//! Chromium comes from Debian's packages (`apt-get install chromium`), installed here when it
//! is missing. Only where it cannot be installed does the test pass without a browser, and it
//! says so, and why, on its output.
//!
//! The screenshots it takes are left in `target/report-screenshots/`; with `UPDATE_DOCS=1` they
//! replace `docs/report-case.png` and `docs/report-index.png`, which the README shows.

// Tests run programs and stop at the first surprise.
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Chromium, installed if need be; `Err` says why it cannot be had.
fn chromium() -> Result<PathBuf, String> {
    if Path::new(CHROMIUM).exists() {
        return Ok(PathBuf::from(CHROMIUM));
    }
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()
    };
    let update = apt(&["update", "-q"]).map_err(|e| format!("apt-get cannot run: {e}"))?;
    if !update.status.success() {
        return Err(format!(
            "`apt-get update` failed: {}",
            String::from_utf8_lossy(&update.stderr).trim()
        ));
    }
    let install = apt(&["install", "-y", "-q", "chromium"])
        .map_err(|e| format!("apt-get cannot run: {e}"))?;
    if !install.status.success() || !Path::new(CHROMIUM).exists() {
        return Err(format!(
            "`apt-get install chromium` failed: {}",
            String::from_utf8_lossy(&install.stderr).trim()
        ));
    }
    Ok(PathBuf::from(CHROMIUM))
}

/// Runs headless Chromium with a profile of its own, its background traffic off, and a log of
/// every request it makes.
fn run(chromium: &Path, work: &Path, log: &Path, args: &[&str], url: &str) -> Output {
    let profile = tempfile::tempdir_in(work).unwrap();
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--log-net-log={}", log.display()))
        .args(args)
        .arg(url)
        .output()
        .unwrap()
}

/// A page as Chromium left it: its DOM after its scripts ran, what the browser logged, and the
/// addresses the page asked for.
struct Opened {
    dom: String,
    messages: String,
    requests: Vec<String>,
}

impl Opened {
    /// Opens `url` with `--dump-dom`, logging requests into `work/NAME.json`.
    fn new(chromium: &Path, work: &Path, name: &str, url: &str) -> Opened {
        let log = work.join(format!("{name}.json"));
        let out = run(chromium, work, &log, &["--dump-dom"], url);
        Opened {
            dom: String::from_utf8_lossy(&out.stdout).into_owned(),
            messages: String::from_utf8_lossy(&out.stderr).into_owned(),
            requests: page_requests(&log),
        }
    }

    /// Nothing left the page, nothing broke its policy, and no script failed.
    fn assert_quiet(&self, what: &str) {
        assert_eq!(self.requests, Vec::<String>::new(), "{what} made requests");
        let messages = &self.messages;
        assert!(
            !messages.contains("Content Security Policy"),
            "{what} broke its own policy: {messages}"
        );
        assert!(
            !messages.contains("Uncaught"),
            "a script of {what} failed: {messages}"
        );
    }
}

/// The addresses the page itself asked for, from Chromium's network log: requests whose
/// initiator is the page (a `file://` page's origin is `null`), not the browser's own.
fn page_requests(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .unwrap();
    let mut out = Vec::new();
    for event in doc["events"].as_array().unwrap() {
        let params = &event["params"];
        let (Some(url), Some(initiator)) = (params["url"].as_str(), params["initiator"].as_str())
        else {
            continue;
        };
        if initiator != "not an origin" && !out.iter().any(|u| u == url) {
            out.push(url.to_owned());
        }
    }
    out
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn report_pages_render_in_chromium_and_make_no_request() {
    let chromium = match chromium() {
        Ok(chromium) => chromium,
        Err(why) => {
            println!("SKIPPED: no headless Chromium to render the report in: {why}");
            eprintln!("SKIPPED: no headless Chromium to render the report in: {why}");
            return;
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let pages = work.path().join("report");
    let written = Command::new(env!("CARGO_BIN_EXE_normcheck"))
        .args(["report", "cases", "-o"])
        .arg(&pages)
        .current_dir(root)
        .env("NORMCHECK_TODAY", "2026-01-01")
        .output()
        .unwrap();
    assert!(written.status.success(), "{written:?}");

    // The log catches a page's requests: a page that asks for an image elsewhere is seen.
    let control = work.path().join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/probe.png\"></body></html>",
    )
    .unwrap();
    let control = Opened::new(&chromium, work.path(), "control", &file_url(&control));
    assert!(
        control
            .requests
            .iter()
            .any(|u| u == "http://127.0.0.1:9/probe.png"),
        "the network log does not show a page's requests: {:?}",
        control.requests
    );

    // A case page opened at a finding: the drawing is there, and what the finding rests on is
    // highlighted; nothing is requested, and nothing breaks the page's policy.
    let case = pages.join("notpetya-2017.html");
    let html = std::fs::read_to_string(&case).unwrap();
    let start = html.find("<article class=\"finding\" id=\"f2\"").unwrap();
    let rest = &html[start..];
    let key = "data-hl=\"";
    let at = rest.find(key).unwrap() + key.len();
    let wanted: Vec<&str> = rest[at..at + rest[at..].find('"').unwrap()]
        .split(' ')
        .collect();
    assert!(wanted.len() >= 4, "{wanted:?}");
    let opened = Opened::new(
        &chromium,
        work.path(),
        "case",
        &format!("{}#f2", file_url(&case)),
    );
    let dom = &opened.dom;
    let tag = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"";
    let at = dom.find(tag).expect("the drawing is missing") + tag.len();
    let classes: Vec<&str> = dom[at..at + dom[at..].find('"').unwrap()]
        .split(' ')
        .collect();
    assert!(
        classes.contains(&"scenario") && classes.contains(&"focus"),
        "nothing is selected in the drawing: {classes:?}"
    );
    for id in &wanted {
        let tag = format!("id=\"{id}\" class=\"");
        let at = dom
            .find(&tag)
            .unwrap_or_else(|| panic!("{id} is not drawn"))
            + tag.len();
        let classes = &dom[at..at + dom[at..].find('"').unwrap()];
        assert!(
            classes.split(' ').any(|c| c == "hl"),
            "{id} is not highlighted: {classes}"
        );
    }
    let highlighted = dom.matches(" hl\"").count();
    assert_eq!(
        highlighted,
        wanted.len(),
        "only what f2 rests on is highlighted"
    );
    assert!(dom.contains("class=\"finding selected\""));
    opened.assert_quiet("the case page");

    let index = pages.join("index.html");
    let opened = Opened::new(&chromium, work.path(), "index", &file_url(&index));
    assert!(opened.dom.contains("<table class=\"matrix\">"));
    assert!(opened.dom.contains("href=\"notpetya-2017.html#f2\""));
    opened.assert_quiet("the index");

    // The filters, set from the address: only the cases that declare KP, only the law.
    let filtered = Opened::new(
        &chromium,
        work.path(),
        "filtered",
        &format!("{}#state=KP&strength=law", file_url(&index)),
    );
    let dom = &filtered.dom;
    let rows: Vec<(&str, bool)> = dom
        .match_indices("<tr class=\"case\" data-states=\"")
        .map(|(at, tag)| {
            let rest = &dom[at + tag.len()..];
            let states = &rest[..rest.find('"').unwrap()];
            let end = rest.find('>').unwrap();
            (states, rest[..end].contains(" hidden=\"\""))
        })
        .collect();
    assert!(rows.len() > 10, "{}", rows.len());
    for (states, hidden) in &rows {
        let with_kp = states.split(' ').any(|s| s == "KP");
        assert_eq!(*hidden, !with_kp, "a row of States {states}");
    }
    assert!(
        rows.iter().any(|(_, hidden)| !hidden),
        "no case declares KP"
    );
    for (at, _) in dom.match_indices("data-strength=\"") {
        let rest = &dom[at..];
        let tag = &rest[..rest.find('>').unwrap()];
        let law = tag.starts_with("data-strength=\"law\"");
        assert_eq!(tag.contains(" hidden=\"\""), !law, "{tag}");
    }
    // What is on screen, as the page counts it from what the browser draws: KP's findings
    // under the law, and nothing else.
    let static_index = std::fs::read_to_string(&index).unwrap();
    let expected = static_index
        .split("<td class=\"cell\" data-strength=\"law\">")
        .skip(1)
        .map(|cell| {
            let cell = &cell[..cell.find("</td>").unwrap()];
            cell.matches("data-party=\"KP\"").count()
        })
        .sum::<usize>();
    assert!(expected > 0);
    let total = static_index.matches("<a class=\"entry\"").count();
    assert!(
        dom.contains(&format!("Showing {expected} of {total} findings.")),
        "expected {expected} of {total} shown: {}",
        &dom[dom.find("id=\"shown\"").unwrap()..][..80]
    );
    // A State alone: in a row where others have findings too, theirs are not on screen.
    let de = Opened::new(
        &chromium,
        work.path(),
        "de",
        &format!("{}#state=DE", file_url(&index)),
    )
    .dom;
    let expected = static_index.matches("data-party=\"DE\"").count();
    assert!(expected > 0);
    assert!(
        de.contains(&format!("Showing {expected} of {total} findings.")),
        "expected {expected} of {total} shown: {}",
        &de[de.find("id=\"shown\"").unwrap()..][..80]
    );
    for (at, _) in dom.match_indices("<a class=\"entry\" data-party=\"") {
        let rest = &dom[at..];
        let tag = &rest[..rest.find('>').unwrap()];
        let kp = tag.contains("data-party=\"KP\"");
        assert_eq!(tag.contains(" hidden=\"\""), !kp, "{tag}");
    }

    // Screenshots: the case page opened at the finding, in a frame so that the shot shows
    // the page as scrolled there; and the index.
    let shots = root.join("target/report-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let frame = pages.join("screenshot-frame.html");
    std::fs::write(
        &frame,
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"notpetya-2017.html#f2\" style=\"border:0;width:1600px;height:1000px\"></iframe></body></html>",
    )
    .unwrap();
    for (name, url) in [
        ("report-case.png", file_url(&frame)),
        ("report-index.png", file_url(&index)),
    ] {
        let shot = shots.join(name);
        let _ = std::fs::remove_file(&shot);
        let log = work.path().join(format!("{name}.json"));
        run(
            &chromium,
            work.path(),
            &log,
            &[
                "--window-size=1600,1000",
                &format!("--screenshot={}", shot.display()),
            ],
            &url,
        );
        let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot {name}: {e}"));
        assert!(png.starts_with(b"\x89PNG"), "{name}");
        // A blank page of this size compresses to a few kilobytes; the rendered page does not.
        assert!(
            png.len() > 40_000,
            "{name} looks blank: {} bytes",
            png.len()
        );
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::copy(&shot, root.join("docs").join(name)).unwrap();
        }
    }
}
