//! Embeds every `rules/*.yaml` file in the binary, so that normcheck works from any directory.

// A build script is an edge: it reads the rules directory and writes into OUT_DIR.
#![allow(clippy::disallowed_methods)]

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let rules = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files: Vec<String> = fs::read_dir(rules)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// The rule files shipped with normcheck: (path, text).\npub const EMBEDDED_RULES: &[(&str, &str)] = &[\n");
    for name in &files {
        println!("cargo:rerun-if-changed=rules/{name}");
        out.push_str(&format!(
            "    (\"rules/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{name}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest =
        Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("embedded_rules.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
