//! Helpers shared by the suites: paths, answer building, a comparable digest of a summary, temp files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use microneedling_check::engine::{self, Answers, Kind, Question, Questionnaire, Summary, Variant, NONE};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a file under the crate root, failing the test with the path on error.
pub fn read(relative: impl AsRef<Path>) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The questionnaire compiled into this build.
pub fn q() -> &'static Questionnaire {
    engine::questionnaire()
}

/// Validates a questionnaire fixture from `tests/fixtures/`, failing the test if it is invalid.
pub fn fixture_questionnaire(name: &str) -> Questionnaire {
    let text = read(Path::new("tests/fixtures").join(name));
    engine::validate::questionnaire(&text).unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("fixture {name} should be valid, but:\n  {}", list.join("\n  "))
    })
}

/// A plausible answer to any question: its first non-`none` option (so a journey always moves on).
pub fn first_answer(question: &Question) -> Vec<&str> {
    let option =
        question.options().iter().map(|o| o.as_str()).find(|o| *o != NONE || question.kind() != Kind::Multiple);
    option.into_iter().collect()
}

/// Everything a summary says, in a comparable form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digest {
    pub level: String,
    pub findings: Vec<(String, Vec<(String, String)>)>,
    pub concerns: Vec<String>,
    pub advice: Vec<String>,
    pub medicine: bool,
    pub unanswered: Vec<String>,
    pub visible: Vec<String>,
    pub counted: Vec<(String, Vec<String>)>,
}

/// Digests a summary.
pub fn digest(summary: &Summary<'_>) -> Digest {
    Digest {
        level: summary.level.name().to_string(),
        findings: summary
            .findings
            .iter()
            .map(|f| {
                let triggers = f.triggers.iter().map(|t| (t.question.to_string(), t.option.to_string())).collect();
                (f.rule.id().to_string(), triggers)
            })
            .collect(),
        concerns: summary.concerns.iter().map(|c| c.id().to_string()).collect(),
        advice: summary.advice.iter().map(|a| a.id().to_string()).collect(),
        medicine: summary.medicine,
        unanswered: summary.unanswered.iter().map(|q| q.id().to_string()).collect(),
        visible: summary.visible.questions.iter().map(|q| q.id().to_string()).collect(),
        counted: summary
            .visible
            .answers
            .iter()
            .map(|(id, options)| (id.to_string(), options.iter().map(ToString::to_string).collect()))
            .collect(),
    }
}

/// Evaluates and digests.
pub fn evaluate(q: &Questionnaire, answers: &Answers, variant: Variant) -> Digest {
    digest(&engine::evaluate(q, answers, variant))
}

/// A temporary file that is removed when dropped.
pub struct TempFile(pub PathBuf);

impl TempFile {
    /// Writes `text` to a fresh file in the system's temp directory.
    pub fn new(text: &str) -> TempFile {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("microneedling-check-test-{}-{n}.json", std::process::id()));
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        TempFile(path)
    }

    /// The path as a string argument.
    pub fn arg(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Every `.rs` file under a directory of the crate, recursively, sorted.
pub fn rust_files(relative: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join(relative), &mut out);
    out.sort();
    out
}

/// A path relative to the crate root, for messages.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// Rust source split into code (comments removed, each string literal replaced by `""`) and the
/// contents of its string literals (escapes left as written). Enough for the tidy checks.
#[derive(Debug, Default)]
pub struct Lexed {
    pub code: String,
    pub strings: Vec<String>,
}

/// Lexes Rust source (see [`Lexed`]): line, doc and nested block comments; plain, byte and raw
/// strings; char literals versus lifetimes.
pub fn lex(source: &str) -> Lexed {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Lexed::default();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let before = if i == 0 { ' ' } else { chars[i - 1] };
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.code.push(' ');
        } else if !ident(before) && (c == 'r' || (c == 'b' && at(i + 1) == 'r')) && {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            while at(j) == '#' {
                j += 1;
            }
            at(j) == '"'
        } {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            let start = j;
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let rest: String = chars[start..].iter().collect();
            let end = rest.find(&close).map(|e| rest[..e].chars().count()).unwrap_or(rest.chars().count());
            out.strings.push(chars[start..start + end].iter().collect());
            out.code.push_str("\"\"");
            i = start + end + close.chars().count();
        } else if c == '"' {
            let mut j = i + 1;
            let mut text = String::new();
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    text.push(chars[j]);
                    j += 1;
                }
                if j < chars.len() {
                    text.push(chars[j]);
                }
                j += 1;
            }
            out.strings.push(text);
            out.code.push_str("\"\"");
            i = j + 1;
        } else if c == '\'' && (at(i + 1) == '\\' || (at(i + 2) == '\'' && at(i + 1) != '\'')) {
            let mut j = i + 1;
            if at(j) == '\\' {
                j += 2;
            } else {
                j += 1;
            }
            while j < chars.len() && chars[j] != '\'' {
                j += 1;
            }
            out.code.push_str("' '");
            i = j + 1;
        } else {
            out.code.push(c);
            i += 1;
        }
    }
    out
}

#[test]
fn the_lexer_separates_code_comments_and_strings() {
    let source = concat!(
        "//! Doc mentioning yew.\n",
        "fn f<'a>(x: &'a str) -> char { /* web_sys /* nested */ gloo */ let s = \"ui.a \\\" b\";\n",
        "let r = r#\"raw \"quoted\" ui.raw\"#; let c = '\"'; let d = '\\''; g(\"ui.b.{x}\") } // js_sys\n",
    );
    let lexed = lex(source);
    assert_eq!(lexed.strings, vec!["ui.a \\\" b", "raw \"quoted\" ui.raw", "ui.b.{x}"]);
    for word in ["yew", "web_sys", "gloo", "js_sys", "ui."] {
        assert!(!lexed.code.contains(word), "{word} left in {:?}", lexed.code);
    }
    assert!(lexed.code.contains("fn f<'a>(x: &'a str) -> char"), "{:?}", lexed.code);
    assert!(lexed.code.contains("let d = ' ';"), "{:?}", lexed.code);
}

/// Answers every question that is asked, in order, with `choose`'s options (a "full answer set").
pub fn full_answers<'q>(
    q: &'q Questionnaire,
    variant: Variant,
    choose: impl Fn(&'q Question) -> Vec<&'q str>,
) -> Answers {
    let mut answers = Answers::new();
    for question in q.questions() {
        if engine::visible(q, &answers, variant).contains(question.id().as_str()) {
            answers.set(question, &choose(question)).unwrap_or_else(|e| panic!("invalid test answer: {e}"));
        }
    }
    answers
}

/// The answers as the JSON the reviewer's tool reads (a list for multiple choice, else a string).
pub fn answers_json(q: &Questionnaire, answers: &Answers) -> String {
    let mut object = serde_json::Map::new();
    for (id, options) in answers.iter() {
        let multiple = q.question(id.as_str()).is_some_and(|x| x.kind().is_multiple());
        let value = if multiple {
            serde_json::Value::Array(options.iter().map(|o| serde_json::Value::from(o.as_str())).collect())
        } else {
            serde_json::Value::from(options.first().map(|o| o.as_str()).unwrap_or_default())
        };
        object.insert(id.to_string(), value);
    }
    serde_json::Value::Object(object).to_string()
}
