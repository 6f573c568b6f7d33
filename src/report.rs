//! The clinical reviewer's report (`microneedling-check report --html`): one self-contained HTML
//! page to read, print and sign, natively only.
//!
//! It shows what the widget would say and why: the content and widget versions; every rule with
//! its level, trigger, sources and their strength, its wording in every locale and the scenarios
//! that fire it, the rules no scenario fires first; the outcome wording every visitor sees; the
//! translations that are stale or unconfirmed (`crate::translations`); every question with its
//! options and conditions; and a sign-off block. The hazard log (`docs/clinical-safety.md`) names
//! the report as the reviewer's evidence.
//!
//! Pure: the caller reads the scenario files and the translations' records (the CLI reads this
//! checkout's). Every text is escaped; the page has no script, loads nothing (its only links are to
//! its own headings) and carries its style inline. The headings and labels are fixed English for
//! the reviewer, like the tool's other output; the wording under review comes from the locales.

use std::fmt::Write as _;

use crate::cli::{describe, only_weak_sources, parse_answers};
use crate::engine::{self, keys, Level, Question, Questionnaire, Rule, Variant};
use crate::export::escape_html;
use crate::i18n::Locale;
use crate::scenarios;
use crate::translations::{self, Finding};

/// A scenario that ran: where it is written and which rules it fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ran {
    /// The file it is in, such as `basics.toml`.
    pub file: String,
    /// Its name, the scenario's id.
    pub name: String,
    /// The clinic variant it runs in.
    pub variant: Variant,
    /// The ids of the rules the engine fired, in the summary's order.
    pub fired: Vec<String>,
}

/// Runs every scenario of `files` (`(file name, text)`, as [`scenarios::read_dir`] gives them)
/// through the engine. Its answers are read by the tool's own parser. A file or scenario that
/// cannot run is an error naming it, so the report never understates what is covered by mistake.
pub fn run_scenarios(q: &Questionnaire, files: &[(String, String)]) -> Result<Vec<Ran>, String> {
    let mut ran = Vec::new();
    for (file, text) in files {
        let parsed: scenarios::File = toml::from_str(text)
            .map_err(|e| format!("{file}: not a valid scenario file: {}", e.to_string().trim().replace('\n', " ")))?;
        for s in parsed.scenario {
            let label = format!("{file}: `{}`", s.name);
            let variant = match s.variant.as_deref() {
                None => Variant::Standard,
                Some(name) => Variant::from_name(name).ok_or_else(|| format!("{label}: unknown variant `{name}`"))?,
            };
            let json = serde_json::to_string(&s.answers).map_err(|e| format!("{label}: {e}"))?;
            let answers = parse_answers(q, &json, variant).map_err(|e| format!("{label}: {e}"))?;
            let summary = engine::evaluate(q, &answers, variant);
            let fired = summary.findings.iter().map(|f| f.rule.id().to_string()).collect();
            ran.push(Ran { file: file.clone(), name: s.name, variant, fired });
        }
    }
    Ok(ran)
}

/// The rules no scenario fires, in the questionnaire's order.
pub fn uncovered<'q>(q: &'q Questionnaire, ran: &[Ran]) -> Vec<&'q Rule> {
    q.rules().iter().filter(|r| covering(r, ran).next().is_none()).collect()
}

/// The scenarios that fire `rule`.
fn covering<'a>(rule: &'a Rule, ran: &'a [Ran]) -> impl Iterator<Item = &'a Ran> {
    ran.iter().filter(move |s| s.fired.iter().any(|id| id == rule.id().as_str()))
}

const STYLE: &str = "\
html{color:#111;background:#fff}\
body{font:1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.6rem;margin:0 0 .5rem}\
h2{font-size:1.3rem;margin:2.5rem 0 .75rem;padding-block-end:.25rem;border-block-end:2px solid #111}\
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}\
h4{font-size:1rem;margin:1rem 0 .25rem}\
code{font:.92em ui-monospace,monospace;background:#eee;padding:0 .2em;border-radius:3px}\
.draft{border:2px solid #8a1c1c;padding:.5rem .75rem;color:#8a1c1c;font-weight:600}\
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}\
dl.facts dt{font-weight:600}dl.facts dd{margin:0}\
article{border:1px solid #999;border-radius:4px;padding:.25rem 1rem .75rem;margin:1rem 0}\
article.uncovered{border:2px solid #8a1c1c}\
.weak,.alert{color:#8a1c1c;font-weight:600}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}\
caption{text-align:start;font-weight:600;padding:.25rem 0}\
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:start;vertical-align:top}\
thead th{background:#eee}\
td[dir=rtl]{text-align:start}\
ul{padding-inline-start:1.25rem;margin:.25rem 0}\
.sign td{height:2.6rem;width:75%}\
.sign th{width:25%}\
.sign td.notes{height:9rem}\
@page{size:A4;margin:16mm 14mm}\
@media print{body{margin:0;max-width:none;font-size:10pt}nav{display:none}\
h2,h3,h4,caption{break-after:avoid}dl,table,tr,article.question{break-inside:avoid}\
#sign-off{break-before:page}}";

/// The page: the versions, the reviewer's summary, the rules (no scenario's first), the outcome
/// wording, the translations to check, the questions and the sign-off block.
pub fn html(q: &Questionnaire, ran: &[Ran], checked: &translations::Report) -> String {
    let title = format!("Clinical review of the microneedling self-check, content {}", q.version());
    let mut out = String::from("<!doctype html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ =
        writeln!(out, "<meta name=\"generator\" content=\"microneedling-check {}\">", esc(env!("CARGO_PKG_VERSION")));
    let _ = writeln!(out, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>", esc(&title));
    let _ = writeln!(out, "<h1>{}</h1>", esc(&title));
    head(&mut out, q, ran);
    contents(&mut out);
    glance(&mut out, q, ran, checked);
    rules(&mut out, q, ran);
    outcomes(&mut out);
    translations_to_check(&mut out, checked);
    questions(&mut out, q);
    sign_off(&mut out, q);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn esc(text: &str) -> String {
    escape_html(text)
}

/// Escaped text whose `…` spans (ids, in the tool's descriptions) become `<code>` elements.
fn with_code(text: &str) -> String {
    let mut out = String::new();
    for (n, part) in esc(text).split('`').enumerate() {
        if n % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// ` lang="…"` and, for a right-to-left locale, ` dir="rtl"`: for an element holding its wording.
fn lang(locale: Locale) -> String {
    let dir = if locale.is_rtl() { " dir=\"rtl\"" } else { "" };
    format!(" lang=\"{}\"{dir}", esc(locale.code()))
}

fn head(out: &mut String, q: &Questionnaire, ran: &[Ran]) {
    out.push_str(
        "<p class=\"draft\">For a clinical reviewer to read, print and sign. Until it is signed, the rules below \
         have not been signed off by a clinician or a regulatory reviewer. It claims no compliance with any \
         standard; the draft hazard log is docs/clinical-safety.md in the repository.</p>\n",
    );
    let files = {
        let mut files: Vec<&str> = ran.iter().map(|s| s.file.as_str()).collect();
        files.dedup();
        files.len()
    };
    out.push_str("<dl class=\"facts\">\n");
    for (term, value) in [
        ("Content version", q.version().to_string()),
        ("Content reviewed", q.reviewed().to_string()),
        ("Widget version", env!("CARGO_PKG_VERSION").to_string()),
        ("Locales", Locale::all().map(Locale::code).collect::<Vec<_>>().join(", ")),
        ("Scenarios", format!("{} in {files} file(s), read from tests/scenarios/*.toml of the checkout", ran.len())),
    ] {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(term), esc(&value));
    }
    out.push_str("</dl>\n");
}

fn contents(out: &mut String) {
    out.push_str("<nav aria-label=\"Contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n");
    for (id, title) in [
        ("at-a-glance", "At a glance"),
        ("rules", "Rules (those no scenario covers first)"),
        ("outcomes", "Outcome wording every visitor sees"),
        ("translations", "Translations to check"),
        ("questions", "Questions"),
        ("sign-off", "Sign-off"),
    ] {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{title}</a></li>");
    }
    out.push_str("</ol>\n</nav>\n");
}

fn glance(out: &mut String, q: &Questionnaire, ran: &[Ran], checked: &translations::Report) {
    out.push_str("<section aria-labelledby=\"at-a-glance\">\n<h2 id=\"at-a-glance\">At a glance</h2>\n<ul>\n");
    let _ = writeln!(out, "<li>{} questions in {} sections.</li>", q.questions().len(), q.sections().len());
    let by_level: Vec<String> = Level::ALL
        .iter()
        .map(|level| {
            let count = q.rules().iter().filter(|r| r.level() == *level).count();
            format!("{count} <code>{}</code>", level.name())
        })
        .collect();
    let _ = writeln!(out, "<li>{} rules: {}.</li>", q.rules().len(), by_level.join(", "));
    let missing = uncovered(q, ran);
    let class = if missing.is_empty() { "" } else { " class=\"alert\"" };
    let _ = writeln!(out, "<li{class}>Rules no scenario fires: {}.</li>", id_list(&missing));
    let weak: Vec<&Rule> = q.rules().iter().filter(|r| only_weak_sources(q, r)).collect();
    let _ = writeln!(out, "<li>Rules that rest only on weak sources: {}.</li>", id_list(&weak));
    let class = if checked.is_clean() { "" } else { " class=\"alert\"" };
    let _ = writeln!(
        out,
        "<li{class}>Translations: {} stale, {} unconfirmed (<a href=\"#translations\">listed below</a>).</li>",
        checked.stale.len(),
        checked.unconfirmed.len()
    );
    out.push_str("</ul>\n</section>\n");
}

/// Rule ids as links to their descriptions, or "none".
fn id_list(rules: &[&Rule]) -> String {
    if rules.is_empty() {
        return "none".into();
    }
    let links: Vec<String> = rules
        .iter()
        .map(|r| format!("<a href=\"#rule-{id}\"><code>{id}</code></a>", id = esc(r.id().as_str())))
        .collect();
    format!("{}: {}", rules.len(), links.join(", "))
}

fn rules(out: &mut String, q: &Questionnaire, ran: &[Ran]) {
    out.push_str("<section aria-labelledby=\"rules\">\n<h2 id=\"rules\">Rules</h2>\n");
    let levels: Vec<String> = Level::ALL.iter().map(|l| format!("<code>{}</code>", l.name())).collect();
    let _ = writeln!(
        out,
        "<p>Levels, most cautious first: {}. The overall outcome is the most cautious level any rule reaches; \
         with none, it is <code>no_specific_concern</code>. Each source shows its strength as the fact sheet \
         ranks it; secondary and clinic protocol are weak on their own.</p>",
        levels.join(", ")
    );
    let missing = uncovered(q, ran);
    out.push_str("<h3 id=\"rules-uncovered\">Rules no scenario covers</h3>\n");
    if missing.is_empty() {
        out.push_str("<p>None: every rule fires in at least one scenario.</p>\n");
    }
    for rule in &missing {
        rule_article(out, q, rule, ran);
    }
    out.push_str("<h3 id=\"rules-covered\">Rules covered by scenarios, in the questionnaire's order</h3>\n");
    for rule in q.rules().iter().filter(|r| !missing.iter().any(|m| m.id() == r.id())) {
        rule_article(out, q, rule, ran);
    }
    out.push_str("</section>\n");
}

fn rule_article(out: &mut String, q: &Questionnaire, rule: &Rule, ran: &[Ran]) {
    let id = esc(rule.id().as_str());
    let covered: Vec<&Ran> = covering(rule, ran).collect();
    let class = if covered.is_empty() { "rule uncovered" } else { "rule" };
    let _ = writeln!(out, "<article class=\"{class}\" id=\"rule-{id}\" aria-labelledby=\"rule-{id}-h\">");
    let _ = writeln!(out, "<h4 id=\"rule-{id}-h\">Rule <code>{id}</code>: <code>{}</code></h4>", rule.level().name());
    out.push_str("<dl class=\"facts\">\n");
    let mut fact = |term: &str, value: String| {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{value}</dd>");
    };
    fact("Trigger", with_code(&describe(rule.when())));
    fact("Variants", esc(&variants(rule.variants())));
    if only_weak_sources(q, rule) {
        fact(
            "Evidence",
            "<span class=\"weak\">WEAK: every source is a clinic protocol or a second-hand report</span>".into(),
        );
    }
    fact("Sources", sources(q, rule));
    if !rule.facts().is_empty() {
        let items: Vec<String> = rule.facts().iter().map(u16::to_string).collect();
        fact("Fact sheet §2 items", items.join(", "));
    }
    if rule.is_about_medicine() {
        fact("Adds", "the &quot;do not stop or change a prescribed medicine&quot; line".into());
    }
    fact("Scenarios that fire it", scenario_list(&covered));
    out.push_str("</dl>\n");
    let reason = keys::rule_reason(rule.id().as_str());
    let action = keys::rule_action(rule.id().as_str());
    wording_table(
        out,
        &format!("Wording of <code>{id}</code>"),
        &[("Why (the finding)", &reason), ("What a professional would typically do", &action)],
    );
    out.push_str("</article>\n");
}

fn variants(variants: &engine::Variants) -> String {
    if variants.listed().is_empty() {
        "all".into()
    } else {
        variants.listed().iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
    }
}

fn sources(q: &Questionnaire, rule: &Rule) -> String {
    let items: Vec<String> = rule
        .sources()
        .iter()
        .map(|id| match q.source(id) {
            Some(source) => {
                let strength = source.strength();
                let class = if strength.is_weak() { " class=\"weak\"" } else { "" };
                format!(
                    "<li><strong>{}</strong> {} (<span{class}>{}</span>)</li>",
                    esc(id.as_str()),
                    esc(source.title()),
                    esc(&strength.name().replace('_', " "))
                )
            }
            None => format!("<li><strong>{}</strong></li>", esc(id.as_str())),
        })
        .collect();
    format!("<ul>{}</ul>", items.join(""))
}

fn scenario_list(covered: &[&Ran]) -> String {
    if covered.is_empty() {
        return "<span class=\"alert\">none</span>".into();
    }
    let items: Vec<String> =
        covered.iter().map(|s| format!("<li>{} ({}, {})</li>", esc(&s.name), esc(&s.file), s.variant.name())).collect();
    format!("<ul>{}</ul>", items.join(""))
}

/// A table with one row per locale and one column per text key, each cell in its locale's
/// language and direction. `caption` is HTML.
fn wording_table(out: &mut String, caption: &str, columns: &[(&str, &str)]) {
    let _ = write!(out, "<table>\n<caption>{caption}</caption>\n<thead><tr><th scope=\"col\">Locale</th>");
    for (header, _) in columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for locale in Locale::all() {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", esc(locale.code()));
        for (_, key) in columns {
            let _ = write!(out, "<td{}>{}</td>", lang(locale), esc(locale.text(key)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn outcomes(out: &mut String) {
    out.push_str(
        "<section aria-labelledby=\"outcomes\">\n<h2 id=\"outcomes\">Outcome wording every visitor sees</h2>\n",
    );
    out.push_str(
        "<p>The summary opens with the overall level's title and detail; the medicine line is added whenever a \
         medicine rule fires; the disclaimer ends every summary.</p>\n",
    );
    for level in Level::ALL {
        let (title, detail) = (keys::level_title(level.name()), keys::level_detail(level.name()));
        let caption = format!("Level <code>{}</code>", level.name());
        wording_table(out, &caption, &[("Title", &title), ("Detail", &detail)]);
    }
    wording_table(out, "The medicine line", &[("Text", "ui.summary.medicine")]);
    wording_table(out, "The disclaimer", &[("Text", "ui.summary.disclaimer")]);
    out.push_str("</section>\n");
}

fn translations_to_check(out: &mut String, checked: &translations::Report) {
    out.push_str("<section aria-labelledby=\"translations\">\n<h2 id=\"translations\">Translations to check</h2>\n");
    out.push_str(
        "<p>Each translation records the English text it translates (locales/&lt;code&gt;.from-en.toml). \
         Stale: the English changed since it was translated. Unconfirmed: no record of the English it \
         translates. Either may no longer say what the English says. A current translation is one someone \
         confirmed after the English last changed: it is not a review by a native speaker.</p>\n",
    );
    let rows: Vec<(&str, &Finding)> = checked
        .stale
        .iter()
        .map(|f| ("stale", f))
        .chain(checked.unconfirmed.iter().map(|f| ("unconfirmed", f)))
        .collect();
    if rows.is_empty() {
        out.push_str("<p>None: every translation was recorded against today's English.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<caption>Stale and unconfirmed translations</caption>\n<thead><tr><th scope=\"col\">Locale</th>\
         <th scope=\"col\">Text key</th><th scope=\"col\">State</th><th scope=\"col\">English now</th>\
         <th scope=\"col\">Translation now</th></tr></thead>\n<tbody>\n",
    );
    let en = Locale::english();
    for (state, finding) in rows {
        let translated = match Locale::all().find(|l| l.code() == finding.locale) {
            Some(locale) => format!("<td{}>{}</td>", lang(locale), esc(locale.text(&finding.key))),
            None => "<td></td>".into(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td class=\"alert\">{state}</td><td lang=\"en\">{}</td>{translated}</tr>",
            esc(&finding.locale),
            esc(&finding.key),
            esc(en.text(&finding.key))
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn questions(out: &mut String, q: &Questionnaire) {
    let en = Locale::english();
    out.push_str("<section aria-labelledby=\"questions\">\n<h2 id=\"questions\">Questions</h2>\n");
    out.push_str(
        "<p>In asking order, by section, in English. A question with a condition is asked only when it holds; \
         one listed for some variants is asked only by clinics offering them.</p>\n",
    );
    for section in q.sections() {
        let _ = writeln!(
            out,
            "<h3 id=\"section-{id}\">{} (<code>{id}</code>)</h3>",
            esc(en.at(section.title())),
            id = esc(section.id().as_str())
        );
        for question in q.questions().iter().filter(|x| x.section() == section.id()) {
            question_article(out, question, en);
        }
    }
    out.push_str("</section>\n");
}

fn question_article(out: &mut String, question: &Question, en: Locale) {
    let id = esc(question.id().as_str());
    let _ = writeln!(out, "<article class=\"question\" id=\"question-{id}\" aria-labelledby=\"question-{id}-h\">");
    let _ = writeln!(out, "<h4 id=\"question-{id}-h\"><code>{id}</code>: {}</h4>", esc(en.at(question.text())));
    out.push_str("<dl class=\"facts\">\n");
    if !en.at(question.hint()).is_empty() {
        let _ = writeln!(out, "<dt>Hint</dt><dd>{}</dd>", esc(en.at(question.hint())));
    }
    let _ = writeln!(out, "<dt>Kind</dt><dd>{}</dd>", esc(question.kind().name()));
    if let Some(condition) = question.show_if() {
        let _ = writeln!(out, "<dt>Shown if</dt><dd>{}</dd>", with_code(&describe(condition)));
    }
    let _ = writeln!(out, "<dt>Variants</dt><dd>{}</dd>", esc(&variants(question.variants())));
    if !question.facts().is_empty() {
        let items: Vec<String> = question.facts().iter().map(u16::to_string).collect();
        let _ = writeln!(out, "<dt>Fact sheet §2 items</dt><dd>{}</dd>", items.join(", "));
    }
    let options: Vec<String> = question
        .options()
        .iter()
        .map(|o| {
            format!("<li><code>{}</code> {}</li>", esc(o.as_str()), esc(&en.option(question.id().as_str(), o.as_str())))
        })
        .collect();
    let _ = writeln!(out, "<dt>Options</dt><dd><ul>{}</ul></dd>", options.join(""));
    out.push_str("</dl>\n</article>\n");
}

fn sign_off(out: &mut String, q: &Questionnaire) {
    out.push_str("<section aria-labelledby=\"sign-off\">\n<h2 id=\"sign-off\">Sign-off</h2>\n");
    out.push_str(
        "<p>I have reviewed the rules, their wording in each locale, their sources and the scenarios above for \
         the content version named here.</p>\n",
    );
    out.push_str("<table class=\"sign\">\n<caption>Reviewer</caption>\n<tbody>\n");
    for (label, value) in [
        ("Name", String::new()),
        ("Role and registration", String::new()),
        ("Date", String::new()),
        ("Content version", esc(q.version())),
        ("Widget version", esc(env!("CARGO_PKG_VERSION"))),
        ("Decision", "☐ approved &nbsp; ☐ approved with the changes noted &nbsp; ☐ not approved".into()),
        ("Signature", String::new()),
    ] {
        let _ = writeln!(out, "<tr><th scope=\"row\">{label}</th><td>{value}</td></tr>");
    }
    out.push_str("<tr><th scope=\"row\">Changes and notes</th><td class=\"notes\"></td></tr>\n");
    out.push_str("</tbody>\n</table>\n</section>\n");
}
