//! Embeds every `rules/*.yaml` file in the binary, so that normcheck works from any directory,
//! with a fingerprint of the rule files and of the code that compiles them: the precompiled
//! catalogue (`src/rules/precompiled.rs`) is used only while it was made from the same.

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
    // What the compiled catalogue depends on: the rule files, the corpus their citations are
    // checked against, and the code that reads and compiles them.
    let mut inputs: Vec<String> = files.iter().map(|n| format!("rules/{n}")).collect();
    for dir in ["rules/corpus", "src/schema"] {
        let mut more: Vec<String> = fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.path().to_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        more.sort();
        inputs.extend(more);
    }
    for file in ["catalogue", "compile", "corpus", "yaml"] {
        inputs.push(format!("src/rules/{file}.rs"));
    }
    let mut fingerprint: u64 = 0xcbf2_9ce4_8422_2325;
    for input in &inputs {
        println!("cargo:rerun-if-changed={input}");
        let bytes = fs::read(input).unwrap_or_default();
        for b in input.bytes().chain(bytes.iter().copied()).chain([0]) {
            fingerprint = (fingerprint ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    out.push_str(&format!(
        "/// A fingerprint (FNV-1a) of the rule files, the corpus and the code that compiles them.\npub const RULES_FINGERPRINT: u64 = {fingerprint:#018x};\n"
    ));
    let dest =
        Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("embedded_rules.rs");
    if let Err(e) = fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
