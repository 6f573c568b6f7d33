//! Tidy checks on the sources and the manifest: the engine stays browser-free, every file says
//! what it is, no debugging leftovers, and no network, storage or HTML-injection API anywhere.
//!
//! Source checks look at code and string literals, never comments (so a doc comment may say
//! "no `web_sys` here"), using the small lexer in `support`.

use std::collections::BTreeSet;

use crate::support::{self, lex, read, rust_files, shown, Lexed};

/// Identifier-like words of a text, split at anything that is not a letter, digit or `_`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty())
}

/// Lowercase without `_`, so `local_storage`, `localStorage` and `LocalStorage` compare equal.
fn squash(word: &str) -> String {
    word.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
}

/// Every `(file, word)` in the code and string literals of the files whose squashed form
/// contains one of the squashed names.
fn find_names(files: &[std::path::PathBuf], names: &[&str]) -> Vec<String> {
    let names: Vec<(String, &str)> = names.iter().map(|n| (squash(n), *n)).collect();
    let mut hits = Vec::new();
    for path in files {
        let lexed = lex(&std::fs::read_to_string(path).expect("readable"));
        let texts = std::iter::once(lexed.code.as_str()).chain(lexed.strings.iter().map(String::as_str));
        let mut seen = BTreeSet::new();
        for word in texts.flat_map(words) {
            let squashed = squash(word);
            for (name, original) in &names {
                if squashed.contains(name.as_str()) && seen.insert((word.to_string(), *original)) {
                    hits.push(format!("{}: `{word}` (matches `{original}`)", shown(path)));
                }
            }
        }
    }
    hits
}

const WEB_CRATES: [&str; 5] = ["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"];

const FORBIDDEN_APIS: [&str; 12] = [
    "inner_html",
    "set_inner_html",
    "from_html_unchecked",
    "local_storage",
    "session_storage",
    "XmlHttpRequest",
    "WebSocket",
    "send_beacon",
    "EventSource",
    "indexed_db",
    "cookie",
    "fetch",
];

#[test]
fn the_engine_uses_no_web_crate() {
    let files = rust_files("src/engine");
    assert!(files.len() > 5, "src/engine/*.rs not found");
    let hits = find_names(&files, &WEB_CRATES);
    assert!(hits.is_empty(), "the engine must not know about a browser:\n  {}", hits.join("\n  "));
}

#[test]
fn every_rust_file_starts_with_a_module_doc_line() {
    let mut files = rust_files("src");
    files.extend(rust_files("tests"));
    files.push(support::root().join("build.rs"));
    let missing: Vec<String> =
        files.iter().filter(|path| !read(path).starts_with("//!")).map(|path| shown(path)).collect();
    assert!(missing.is_empty(), "these files do not start with a `//!` line:\n  {}", missing.join("\n  "));
}

#[test]
fn no_debugging_leftovers_in_src() {
    let mut hits = Vec::new();
    for path in rust_files("src") {
        let code = lex(&read(&path)).code;
        for mac in ["todo", "unimplemented", "dbg"] {
            let pattern = format!("{mac}!");
            let found = code
                .match_indices(&pattern)
                .any(|(at, _)| !code[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'));
            if found {
                hits.push(format!("{}: `{pattern}`", shown(&path)));
            }
        }
    }
    assert!(hits.is_empty(), "leftovers:\n  {}", hits.join("\n  "));
}

/// A `class` that is not a string literal goes through Yew's `Classes` (an `IndexSet`), about
/// 4 kB gzip of the size budget; states go in `data-*` attributes instead (ARCHITECTURE, Size).
#[test]
fn the_pages_use_literal_classes_only() {
    let files = rust_files("src/ui");
    assert!(files.len() > 5, "src/ui/*.rs not found");
    let mut hits = Vec::new();
    for path in files {
        let code: String = lex(&read(&path)).code.split_whitespace().collect();
        for pattern in ["class={", "classes!", "Classes"] {
            if code.contains(pattern) {
                hits.push(format!("{}: `{pattern}`", shown(&path)));
            }
        }
    }
    assert!(hits.is_empty(), "computed classes:\n  {}", hits.join("\n  "));
}

#[test]
fn the_widget_formats_nothing_with_debug() {
    // The release wasm is built with `-Zfmt-debug=none` (scripts/build.sh): `{:?}` prints nothing
    // there. Only the native tools (the CLI, validation, tests) may use it.
    let native_only = ["src/cli.rs", "src/main.rs", "src/engine/validate.rs", "src/engine/raw.rs"];
    let mut hits = Vec::new();
    for path in rust_files("src") {
        let shown_path = shown(&path);
        if native_only.iter().any(|n| shown_path.ends_with(n)) {
            continue;
        }
        let source = read(&path);
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for string in lex(code).strings {
            if string.contains(":?}") || string.contains(":#?}") {
                hits.push(format!("{shown_path}: {string:?}"));
            }
        }
    }
    assert!(hits.is_empty(), "Debug formatting in the widget's code:\n  {}", hits.join("\n  "));
}

/// The shell names its own texts with `ui!("ui.…")`, which finds them at compile time: the widget
/// carries no `ui.*` key, so a key looked up by string would show the key itself (ARCHITECTURE,
/// Size). Natively `Locale::text` still finds them, for the reviewer's tool and the tests.
#[test]
fn the_widget_names_its_ui_texts_with_the_ui_macro() {
    let mut files = rust_files("src/ui");
    files.extend(rust_files("src/export"));
    files.extend(["src/export.rs", "src/i18n.rs", "src/config.rs"].map(|f| support::root().join(f)));
    assert!(files.len() > 10, "the widget's sources not found");
    let mut hits = Vec::new();
    for path in files {
        let source = read(&path);
        let lexed = lex(source.split("#[cfg(test)]").next().unwrap_or_default());
        hits.extend(ui_keys_by_string(&lexed).into_iter().map(|key| format!("{}: \"{key}\"", shown(&path))));
    }
    assert!(hits.is_empty(), "ui.* keys not inside ui!(…):\n  {}", hits.join("\n  "));
}

/// The `"ui.…"` string literals of lexed source that are not the argument of `ui!(…)`.
fn ui_keys_by_string(lexed: &Lexed) -> Vec<String> {
    let mut found = Vec::new();
    let mut code = lexed.code.as_str();
    for string in &lexed.strings {
        let Some(at) = code.find("\"\"") else { break };
        let before: String = code[..at].split_whitespace().collect();
        if string.starts_with("ui.") && !before.ends_with("ui!(") {
            found.push(string.clone());
        }
        code = &code[at + 2..];
    }
    found
}

#[test]
fn the_ui_key_check_finds_keys_outside_the_macro() {
    let lexed =
        lex("fn f() { t(ui!(\"ui.back\")); t(ui!( \"ui.or\" )); t(\"\"); x.text(\"ui.continue\"); // \"ui.gone\"\n }");
    assert_eq!(ui_keys_by_string(&lexed), ["ui.continue"]);
}

#[test]
fn no_network_storage_or_html_injection_api_in_src() {
    let hits = find_names(&rust_files("src"), &FORBIDDEN_APIS);
    assert!(hits.is_empty(), "the widget must not send, store or inject anything:\n  {}", hits.join("\n  "));
}

#[test]
fn the_name_search_finds_what_it_must_and_ignores_comments() {
    let dir = std::env::temp_dir().join(format!("microneedling-check-tidy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("sample.rs");
    std::fs::write(
        &path,
        "//! No `web_sys`, no cookies, no fetch.\nfn f() { let w = window.local_storage(); js(\"innerHTML\"); }\n",
    )
    .expect("write");
    let hits = find_names(std::slice::from_ref(&path), &FORBIDDEN_APIS);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits[0].contains("`local_storage`") && hits[1].contains("`innerHTML`"), "{hits:?}");
}

/// Every dependency table of the manifest: `[dependencies]`, `[dev-dependencies]`,
/// `[build-dependencies]` and their `[target.'…'.…]` forms, as `(table name, table)`.
fn dependency_tables(manifest: &toml::Table) -> Vec<(String, &toml::Table)> {
    const KINDS: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];
    let mut out = Vec::new();
    for kind in KINDS {
        if let Some(table) = manifest.get(kind).and_then(toml::Value::as_table) {
            out.push((kind.to_string(), table));
        }
    }
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        for (target, tables) in targets {
            for kind in KINDS {
                if let Some(table) = tables.get(kind).and_then(toml::Value::as_table) {
                    out.push((format!("target.'{target}'.{kind}"), table));
                }
            }
        }
    }
    out
}

/// A dependency's crate name: its key, or its `package = "…"` when renamed.
fn crate_name<'a>(key: &'a str, spec: &'a toml::Value) -> &'a str {
    spec.get("package").and_then(toml::Value::as_str).unwrap_or(key)
}

#[test]
fn the_manifest_pulls_in_no_network_or_storage_crate() {
    let manifest: toml::Table = read("Cargo.toml").parse().expect("Cargo.toml is TOML");
    let tables = dependency_tables(&manifest);
    assert!(tables.iter().any(|(name, _)| name == "dependencies"), "no [dependencies] table found");
    let mut hits = Vec::new();
    for (table, deps) in &tables {
        for (key, spec) in deps.iter() {
            let name = crate_name(key, spec);
            if ["gloo-net", "gloo-storage", "reqwest"].contains(&name.replace('_', "-").as_str()) {
                hits.push(format!("[{table}] depends on `{name}`"));
            }
        }
    }
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}

#[test]
fn web_sys_enables_no_network_storage_or_document_feature() {
    const FORBIDDEN: [&str; 11] = [
        "Request",
        "RequestInit",
        "Response",
        "Headers",
        "XmlHttpRequest",
        "WebSocket",
        "EventSource",
        "Storage",
        "IdbFactory",
        "HtmlDocument",
        "RtcPeerConnection",
    ];
    let manifest: toml::Table = read("Cargo.toml").parse().expect("Cargo.toml is TOML");
    let mut found_web_sys = false;
    let mut hits = Vec::new();
    for (table, deps) in dependency_tables(&manifest) {
        for (key, spec) in deps.iter().filter(|(key, spec)| crate_name(key, spec) == "web-sys") {
            found_web_sys = true;
            let features = spec.get("features").and_then(toml::Value::as_array).cloned().unwrap_or_default();
            for feature in features.iter().filter_map(toml::Value::as_str) {
                if FORBIDDEN.contains(&feature) {
                    hits.push(format!("[{table}] {key} enables `{feature}`"));
                }
            }
        }
    }
    assert!(found_web_sys, "web-sys not found in Cargo.toml: this test would check nothing");
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}

/// `vendor/yew` is the published crate but for the one patched file (`vendor/yew/PATCH.md`):
/// every other file matches `UPSTREAM.sha256`, the patched one carries the patch, and nothing was
/// added.
#[test]
fn vendored_yew_differs_from_upstream_only_in_the_patched_file() {
    const PATCHED: &str = "./src/dom_bundle/subtree_root.rs";
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/yew");
    let output = std::process::Command::new("sha256sum")
        .args(["--check", "--quiet", "UPSTREAM.sha256"])
        .current_dir(&dir)
        .output()
        .expect("sha256sum runs (coreutils)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let failed: Vec<&str> = stdout.lines().filter_map(|line| line.strip_suffix(": FAILED")).collect();
    assert_eq!(failed, [PATCHED], "files of vendor/yew that differ from upstream:\n{stdout}");

    let listed: BTreeSet<String> = std::fs::read_to_string(dir.join("UPSTREAM.sha256"))
        .expect("vendor/yew/UPSTREAM.sha256")
        .lines()
        .filter_map(|line| line.split_once("  ").map(|(_, file)| file.to_string()))
        .collect();
    let mut present = BTreeSet::new();
    let mut stack = vec![dir.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                present.insert(format!("./{}", path.strip_prefix(&dir).expect("inside").display()));
            }
        }
    }
    let extra: Vec<&String> = present
        .iter()
        .filter(|f| !listed.contains(*f) && !["./UPSTREAM.sha256", "./PATCH.md"].contains(&f.as_str()))
        .collect();
    assert!(extra.is_empty(), "files in vendor/yew that upstream does not have: {extra:?}");
    let patched = std::fs::read_to_string(dir.join(PATCHED)).expect("the patched file");
    assert!(
        patched.contains("PATCHED (microneedling-check")
            && patched.contains("js_sys::Object::<wasm_bindgen::JsValue>::create(wasm_bindgen::JsValue::NULL")
            && patched.contains("let this = Rc::downgrade(self);")
            && !patched.contains("cl.forget()"),
        "{PATCHED} lost its patch"
    );
}

#[test]
fn the_layers_point_one_way() {
    // The engine knows nothing of the shell, the texts, the configuration or the copies.
    let mut hits = Vec::new();
    for path in rust_files("src/engine") {
        let code = lex(&read(&path)).code;
        for layer in ["crate::ui", "crate::i18n", "crate::config", "crate::export", "crate::theme", "crate::cli"] {
            if code.contains(layer) {
                hits.push(format!("{}: uses `{layer}`", shown(&path)));
            }
        }
    }
    // Pages import the shared parts and the engine, never each other (nor anything through `super`).
    let pages = rust_files("src/ui/pages");
    assert!(pages.len() >= 5, "src/ui/pages/*.rs not found");
    let names: Vec<String> = pages
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|name| name != "mod")
        .collect();
    for path in pages.iter().filter(|p| !p.ends_with("mod.rs")) {
        let code = lex(&read(path)).code;
        let own = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if code.contains("super::") || code.contains("pages::") {
            hits.push(format!("{}: imports through `super::` or `pages::`", shown(path)));
        }
        for other in names.iter().filter(|n| **n != own) {
            if code.contains(&format!("{other}_page")) {
                hits.push(format!("{}: uses the `{other}` page", shown(path)));
            }
        }
    }
    // The shared parts import no page.
    for path in rust_files("src/ui/parts") {
        let code = lex(&read(&path)).code;
        if code.contains("pages::") || names.iter().any(|n| code.contains(&format!("{n}_page"))) {
            hits.push(format!("{}: the shared parts use a page", shown(&path)));
        }
    }
    assert!(hits.is_empty(), "layering broken:\n  {}", hits.join("\n  "));
}
