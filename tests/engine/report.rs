//! The clinical reviewer's report (`microneedling-check report --html`): every rule with its wording
//! in every locale and the scenarios that fire it, the rules no scenario fires first, every
//! question, the translations to check and the sign-off block; every text escaped, Arabic marked
//! right to left, and nothing in the page that runs or loads anything.

use std::process::ExitCode;

use microneedling_check::engine::{keys, Variant};
use microneedling_check::export::escape_html;
use microneedling_check::i18n::Locale;
use microneedling_check::report::{self, Ran};
use microneedling_check::translations::{self, Finding, Report};
use microneedling_check::{cli, scenarios};

use crate::support::{q, root};

/// Every shipped scenario, run.
fn shipped() -> Vec<Ran> {
    let files = scenarios::read_dir(&root().join("tests/scenarios")).expect("the scenario files are readable");
    report::run_scenarios(q(), &files).unwrap_or_else(|e| panic!("a shipped scenario does not run: {e}"))
}

/// The page with every translation current.
fn page(ran: &[Ran]) -> String {
    report::html(q(), ran, &Report::default())
}

/// The part of the page describing `rule`.
fn article<'a>(html: &'a str, rule: &str) -> &'a str {
    let start = html.find(&format!("id=\"rule-{rule}\"")).unwrap_or_else(|| panic!("no article for `{rule}`"));
    let end = html[start..].find("</article>").map_or(html.len(), |n| start + n);
    &html[start..end]
}

/// A locale's wording as the page must hold it: escaped, in a cell with its language and direction.
fn cell(locale: Locale, key: &str) -> String {
    let dir = if locale.is_rtl() { " dir=\"rtl\"" } else { "" };
    format!("<td lang=\"{}\"{dir}>{}</td>", locale.code(), escape_html(locale.text(key)))
}

#[test]
fn the_report_shows_every_rule_in_every_locale_with_its_scenarios_and_every_question() {
    let ran = shipped();
    let html = page(&ran);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\" dir=\"ltr\">"), "{}", &html[..80]);
    assert!(html.contains(&format!("<dt>Content version</dt><dd>{}</dd>", q().version())));
    assert!(html.contains(&format!("<dt>Widget version</dt><dd>{}</dd>", env!("CARGO_PKG_VERSION"))));
    let mut problems = Vec::new();
    for rule in q().rules() {
        let id = rule.id().as_str();
        let part = article(&html, id);
        if !part.contains(&format!("<code>{}</code>", rule.level().name())) {
            problems.push(format!("{id}: no level"));
        }
        if !part.contains("<dt>Trigger</dt>") || !part.contains("<dt>Sources</dt>") {
            problems.push(format!("{id}: no trigger or sources"));
        }
        for source in rule.sources() {
            if !part.contains(&format!("<strong>{source}</strong>")) {
                problems.push(format!("{id}: source {source} missing"));
            }
        }
        for locale in Locale::all() {
            for key in [keys::rule_reason(id), keys::rule_action(id)] {
                if !part.contains(&cell(locale, &key)) {
                    problems.push(format!("{id}: {} {key} missing", locale.code()));
                }
            }
        }
        let firing: Vec<&Ran> = ran.iter().filter(|s| s.fired.iter().any(|f| f == id)).collect();
        if firing.is_empty() {
            problems.push(format!("{id}: no scenario fires it, yet the coverage test passes"));
        }
        for s in firing {
            if !part.contains(&format!("<li>{} ({}, {})</li>", escape_html(&s.name), s.file, s.variant.name())) {
                problems.push(format!("{id}: scenario `{}` missing", s.name));
            }
        }
    }
    for question in q().questions() {
        let id = question.id().as_str();
        let start = html.find(&format!("id=\"question-{id}\"")).unwrap_or_else(|| panic!("no question `{id}`"));
        let part = &html[start..start + html[start..].find("</article>").unwrap_or(0)];
        if question.show_if().is_some() && !part.contains("<dt>Shown if</dt>") {
            problems.push(format!("question {id}: no condition"));
        }
        for option in question.options() {
            if !part.contains(&format!("<li><code>{option}</code> ")) {
                problems.push(format!("question {id}: option {option} missing"));
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n  {}", problems.len(), problems.join("\n  "));
    for label in ["Name", "Role and registration", "Date", "Content version", "Signature"] {
        assert!(html.contains(&format!("<tr><th scope=\"row\">{label}</th>")), "sign-off has no {label}");
    }
    assert!(html.contains(&format!("<tr><th scope=\"row\">Content version</th><td>{}</td></tr>", q().version())));
    assert!(html.contains(&cell(Locale::english(), "ui.summary.medicine")), "the medicine line is shown");
}

#[test]
fn rules_no_scenario_fires_come_first() {
    let all = shipped();
    assert!(report::uncovered(q(), &all).is_empty(), "every shipped rule is covered (the coverage test)");
    let html = page(&all);
    assert!(html.contains("<p>None: every rule fires in at least one scenario.</p>"));

    // As if no scenario fired the last rule, it is described first, marked, and listed.
    let last = q().rules().last().expect("rules").id().as_str();
    let first = q().rules().first().expect("rules").id().as_str();
    let mut fewer = all.clone();
    fewer.iter_mut().for_each(|s| s.fired.retain(|f| f != last));
    assert_eq!(report::uncovered(q(), &fewer).iter().map(|r| r.id().as_str()).collect::<Vec<_>>(), [last]);
    let html = page(&fewer);
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let (uncovered, covered) = (at("id=\"rules-uncovered\""), at("id=\"rules-covered\""));
    let (last_at, first_at) = (at(&format!("id=\"rule-{last}\"")), at(&format!("id=\"rule-{first}\"")));
    assert!(uncovered < last_at && last_at < covered && covered < first_at, "`{last}` is not listed first");
    assert!(html.contains(&format!("<article class=\"rule uncovered\" id=\"rule-{last}\"")));
    assert!(article(&html, last).contains("<dt>Scenarios that fire it</dt><dd><span class=\"alert\">none</span>"));
    assert!(html.contains(&format!("Rules no scenario fires: 1: <a href=\"#rule-{last}\"><code>{last}</code></a>.")));

    // With no scenario at all, every rule is in the first list.
    let html = page(&[]);
    let covered = at_or_end(&html, "id=\"rules-covered\"");
    for rule in q().rules() {
        let found = html.find(&format!("id=\"rule-{}\"", rule.id())).expect("every rule");
        assert!(found < covered, "`{}` is not listed as uncovered", rule.id());
    }
}

fn at_or_end(html: &str, needle: &str) -> usize {
    html.find(needle).unwrap_or(html.len())
}

#[test]
fn every_text_is_escaped_and_nothing_in_the_page_runs_or_loads() {
    let hostile = "<script>alert(\"x\")</script> & 'y' <img src=x onerror=alert(1)>";
    let escaped =
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &lt;img src=x onerror=alert(1)&gt;";
    let rule = q().rules().first().expect("rules").id().to_string();
    let ran = vec![Ran { file: hostile.into(), name: hostile.into(), variant: Variant::Standard, fired: vec![rule] }];
    let checked = Report {
        stale: vec![Finding { locale: "de".into(), key: hostile.into() }],
        unconfirmed: vec![Finding { locale: hostile.into(), key: "rule.pregnant.reason".into() }],
        ..Report::default()
    };
    let html = report::html(q(), &ran, &checked);
    assert!(html.matches(escaped).count() >= 4, "the name, the file and the keys are escaped");
    assert!(!html.contains("<script") && !html.contains("<img"), "hostile text got through");
    assert!(html.contains("<td class=\"alert\">stale</td>") && html.contains("<td class=\"alert\">unconfirmed</td>"));
    assert!(html.contains("Translations: 1 stale, 1 unconfirmed"));
    for html in [html, page(&shipped())] {
        assert_self_contained(&html);
    }
}

/// No script, nothing to load, every link to a place in the page, Arabic right to left, and the
/// page's containers closed.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    let style = lower.split("<style>").nth(1).and_then(|rest| rest.split("</style>").next()).unwrap_or_default();
    assert!(!style.contains("url(") && !style.contains("@import"), "the style loads something");
    // The page's own tags: what follows each `<` up to its `>` (escaped text has no `<`).
    for tag in lower.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
        let mut words = tag.split_whitespace();
        let name = words.next().unwrap_or_default();
        assert!(
            !["script", "link", "img", "iframe", "object", "embed", "base", "audio", "video", "source"].contains(&name),
            "the page has a <{name}>"
        );
        for attribute in words {
            let loads = attribute.starts_with("src=") || attribute.starts_with("srcset=");
            assert!(!loads && !attribute.starts_with("on"), "<{tag}> has {attribute}");
        }
    }
    for (at, _) in html.match_indices(" href=\"") {
        let target = &html[at + 7..at + 7 + html[at + 7..].find('"').unwrap_or(0)];
        let id = target.strip_prefix('#').unwrap_or_else(|| panic!("a link leaves the page: {target}"));
        assert!(html.contains(&format!(" id=\"{id}\"")), "a link to a missing place: {target}");
    }
    for (at, _) in html.match_indices(" lang=\"ar\"") {
        assert!(html[at..].starts_with(" lang=\"ar\" dir=\"rtl\""), "Arabic without dir=rtl");
    }
    for tag in ["html", "main", "section", "article", "table", "dl", "ul", "ol", "nav"] {
        let (open, close) = (html.matches(&format!("<{tag}>")).count(), html.matches(&format!("</{tag}>")).count());
        let open = open + html.matches(&format!("<{tag} ")).count();
        assert_eq!(open, close, "<{tag}> opened {open} times, closed {close}");
    }
}

#[test]
fn a_scenario_that_cannot_run_is_an_error_naming_it() {
    let cases = [
        ("bad.toml", "[[scenario]]\nname = 1\n", "bad.toml: not a valid scenario file"),
        (
            "variant.toml",
            "[[scenario]]\nname = \"laser clinic\"\nvariant = \"laser\"\nanswers = {}\nlevel = \"x\"\nrules = []\n",
            "variant.toml: `laser clinic`: unknown variant `laser`",
        ),
        (
            "answers.toml",
            "[[scenario]]\nname = \"typo\"\nanswers = { no_such_question = \"yes\" }\nlevel = \"x\"\nrules = []\n",
            "answers.toml: `typo`: unknown question `no_such_question`",
        ),
    ];
    for (file, text, expected) in cases {
        let error = report::run_scenarios(q(), &[(file.into(), text.into())]).expect_err(file);
        assert!(error.contains(expected), "{error}");
    }
}

#[test]
fn the_tool_prints_the_report_of_this_checkout_and_takes_only_html() {
    let run = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = cli::run(&args, &mut out, &mut err);
        (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
    };
    let (code, out, err) = run(&["report", "--html"]);
    assert_eq!(code, ExitCode::SUCCESS, "{err}");
    let checked = translations::check(&root()).expect("the records are readable");
    assert_eq!(out, report::html(q(), &shipped(), &checked));
    for bad in [&["report"][..], &["report", "--json"], &["report", "--html", "x"]] {
        let (code, out, err) = run(bad);
        assert_eq!(code, ExitCode::from(2), "{bad:?}");
        assert!(out.is_empty() && err.starts_with("error: `report` takes --html"), "{err}");
    }
    assert!(run(&["help"]).1.contains("microneedling-check report --html"));
}
