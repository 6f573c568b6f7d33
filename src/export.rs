//! Keeping a result: the summary and the answers as plain text ("Copy summary"), as one
//! self-contained HTML file ("Save a copy"), and as FHIR R4 resources ([`fhir`]).
//!
//! Pure functions of the questionnaire, the answers, the clinic's variant and the visitor's locale:
//! no web crates, no clock (the caller passes today's date as an ISO 8601 string), nothing is sent
//! or stored. Every wording comes from the locale files; the Rust code only arranges them. Only the
//! questions that are asked count: answers to hidden questions are left out, as everywhere else.
//!
//! Both documents are rendered from one list of [`Line`]s, so they always say the same things.

pub mod fhir;

use crate::engine::{self, AdviceGroup, Answers, Level, Questionnaire, SourceId, Variant};
use crate::i18n::{advice_heading, group_heading, next_step, ui, Locale, Ui};

/// What a line of the document is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    H1,
    H2,
    H3,
    P,
    Li,
}

/// One line of the document: an optional bold lead-in, then text, at an indentation depth.
struct Line {
    tag: Tag,
    indent: u8,
    bold: String,
    text: String,
}

fn line(tag: Tag, indent: u8, bold: &str, text: &str) -> Line {
    Line { tag, indent, bold: bold.to_string(), text: text.to_string() }
}

/// Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, marking the clinic's name in [`Line`]s.
const ISOLATE: char = '\u{2068}';
const END_ISOLATE: char = '\u{2069}';

/// A moment as the visitor's own clock shows it, for the copies' dates (the engine has no clock:
/// the widget passes the browser's time and offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    year: i64,
    month: u8,
    day: u8,
    seconds_of_day: u32,
    /// Minutes east of UTC (UTC−11 is −660).
    offset_minutes: i32,
}

impl LocalTime {
    /// The local time at `utc_millis` (milliseconds since 1970-01-01T00:00Z) for a clock
    /// `offset_minutes` east of UTC (the negated `Date.getTimezoneOffset()`).
    pub fn at(utc_millis: i64, offset_minutes: i32) -> LocalTime {
        let local = utc_millis.div_euclid(1000) + i64::from(offset_minutes) * 60;
        let (days, seconds_of_day) = (local.div_euclid(86_400), local.rem_euclid(86_400) as u32);
        // Days to a civil date (Howard Hinnant's `civil_from_days`).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        LocalTime { year, month, day, seconds_of_day, offset_minutes }
    }

    /// `YYYY-MM-DD`, for the copies' text and file names.
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYYY-MM-DDThh:mm:ss+hh:mm`, a FHIR `dateTime` with the visitor's offset.
    pub fn date_time(&self) -> String {
        let s = self.seconds_of_day;
        let (sign, offset) =
            if self.offset_minutes < 0 { ('-', -self.offset_minutes) } else { ('+', self.offset_minutes) };
        format!(
            "{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.date(),
            s / 3600,
            s / 60 % 60,
            s % 60,
            offset / 60,
            offset % 60
        )
    }
}

/// The whole document, in the order the summary page shows it, then the answers by section.
fn lines(
    q: &Questionnaire,
    answers: &Answers,
    variant: Variant,
    locale: Locale,
    clinic: Option<&str>,
    date: &str,
) -> Vec<Line> {
    use Tag::{Li, H1, H2, H3, P};
    let summary = engine::evaluate(q, answers, variant);
    let t = |key: Ui| locale.ui(key);
    let question = |id: &str| locale.question(id);
    let mut out = vec![line(H1, 0, "", t(ui!("ui.start.title")))];
    out.push(line(P, 0, "", &locale.format(ui!("ui.export.date"), &[("date", date)])));
    let clinic = clinic.unwrap_or_else(|| t(ui!("ui.clinic.default_name")));
    // The name between isolate marks, which the HTML copy turns into <bdi> (as the widget shows it)
    // and the plain text drops; marks inside the name are dropped so the pair stays balanced.
    let clinic = format!("{ISOLATE}{}{END_ISOLATE}", clinic.replace([ISOLATE, END_ISOLATE], ""));
    out.push(line(P, 0, "", &locale.format(next_step(summary.level), &[("clinic", &clinic)])));

    out.push(line(H2, 0, "", t(ui!("ui.summary.title"))));
    out.push(line(P, 0, locale.at(summary.level.title()), ""));
    out.push(line(P, 0, "", locale.at(summary.level.detail())));
    if summary.medicine {
        out.push(line(P, 0, t(ui!("ui.summary.medicine")), ""));
    }
    if !summary.findings.is_empty() {
        out.push(line(H2, 0, "", t(ui!("ui.summary.findings"))));
    }
    for group in Level::ALL {
        for (n, finding) in summary.findings.iter().filter(|f| f.level() == group).enumerate() {
            if n == 0 {
                out.push(line(H3, 0, "", t(group_heading(group))));
            }
            out.push(line(Li, 0, "", locale.at(finding.rule.reason())));
            out.push(line(P, 1, t(ui!("ui.summary.action")), locale.at(finding.rule.action())));
            out.push(line(P, 1, "", t(ui!("ui.summary.because"))));
            for trigger in &finding.triggers {
                let (asked, chosen) = (trigger.question.as_str(), trigger.option.as_str());
                out.push(line(Li, 2, "", &format!("{} {}", question(asked), locale.option(asked, chosen))));
            }
            out.push(line(P, 1, "", &locale.sources(finding.rule.sources())));
        }
    }
    if !summary.concerns.is_empty() {
        out.push(line(H2, 0, "", t(ui!("ui.summary.expectations"))));
        out.push(line(P, 0, "", t(ui!("ui.summary.expectations_lead"))));
        out.push(line(P, 0, "", t(ui!("ui.summary.fda"))));
    }
    let concerns_question = q.questions().iter().find(|x| x.is_concerns()).map_or("", |x| x.id().as_str());
    for concern in &summary.concerns {
        let id = concern.id().as_str();
        out.push(line(H3, 0, "", &locale.option(concerns_question, id)));
        out.push(line(P, 0, t(ui!("ui.summary.evidence")), locale.at(concern.evidence().text())));
        out.push(line(P, 0, "", locale.at(concern.course())));
        out.push(line(P, 0, "", locale.at(concern.caveat())));
        out.push(line(P, 0, "", &locale.sources(concern.sources())));
    }
    for group in AdviceGroup::ALL {
        for (n, advice) in summary.advice.iter().filter(|a| a.group() == group).enumerate() {
            if n == 0 {
                out.push(line(H2, 0, "", locale.ui(advice_heading(group, summary.level))));
            }
            out.push(line(Li, 0, "", locale.at(advice.text())));
        }
    }
    let cited = |id: &SourceId| {
        summary.findings.iter().any(|f| f.rule.sources().contains(id))
            || summary.concerns.iter().any(|c| c.sources().contains(id))
            || summary.advice.iter().any(|a| a.sources().contains(id))
    };
    for (n, source) in q.sources().iter().filter(|s| cited(s.id())).enumerate() {
        if n == 0 {
            out.push(line(H2, 0, "", t(ui!("ui.summary.references"))));
        }
        out.push(line(Li, 0, source.id().as_str(), source.title()));
    }
    out.push(line(P, 0, "", t(ui!("ui.summary.disclaimer"))));
    let version = locale.format(ui!("ui.summary.version"), &[("version", q.version()), ("date", q.reviewed())]);
    out.push(line(P, 0, "", &version));

    out.push(line(H2, 0, "", t(ui!("ui.export.answers"))));
    let shown = &summary.visible;
    for section in q.sections() {
        let answered = shown.questions.iter().filter(|x| x.section() == section.id());
        for (n, (asked, chosen)) in
            answered.filter_map(|x| Some((x.id().as_str(), shown.answers.get(x.id().as_str())?))).enumerate()
        {
            if n == 0 {
                out.push(line(H3, 0, "", locale.at(section.title())));
            }
            out.push(line(P, 0, "", question(asked)));
            for option in chosen {
                out.push(line(Li, 1, "", &locale.option(asked, option.as_str())));
            }
        }
    }
    out
}

/// A readable plain-text copy of the summary and the answers, in the visitor's locale, for
/// "Copy summary". Headings are written `#`, `##`, `###` and list items
/// `- `, indented by two spaces per level.
pub fn plain_text(
    q: &Questionnaire,
    answers: &Answers,
    variant: Variant,
    locale: Locale,
    clinic: Option<&str>,
    date: &str,
) -> String {
    let mut out = String::new();
    for line in lines(q, answers, variant, locale, clinic, date) {
        let mark = match line.tag {
            Tag::H1 => "# ",
            Tag::H2 => "\n## ",
            Tag::H3 => "\n### ",
            Tag::P => "",
            Tag::Li => "- ",
        };
        for _ in 0..line.indent {
            out.push_str("  ");
        }
        out.push_str(mark);
        out.push_str(&line.bold);
        if !line.bold.is_empty() && !line.text.is_empty() {
            out.push(' ');
        }
        out.extend(line.text.chars().filter(|c| !matches!(*c, ISOLATE | END_ISOLATE)));
        out.push('\n');
    }
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:1rem/1.5 system-ui,sans-serif;color:#111;background:#fff;max-width:42rem;\
margin:2rem auto;padding:0 1rem}h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem;\
border-block-end:1px solid #999}h3{font-size:1.05rem}ul{padding-inline-start:1.25rem}p,li{margin:.25rem 0}\
.i1{margin-inline-start:1.5rem}.i2{margin-inline-start:3rem}\
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}li,p{break-inside:avoid}}";

/// The same content as [`plain_text`] as one self-contained HTML file: `lang` and `dir` of the
/// locale, a small inline style for reading and printing, no scripts and no external resources.
/// Every text is escaped. It names the content version that produced it, in the text and in a
/// `generator` meta element, and the widget's version in a `microneedling-check-widget-version` one.
pub fn html_document(
    q: &Questionnaire,
    answers: &Answers,
    variant: Variant,
    locale: Locale,
    clinic: Option<&str>,
    date: &str,
) -> String {
    let mut out = String::from("<!doctype html>\n<html lang=\"");
    out.push_str(&escape_html(locale.code()));
    out.push_str(if locale.is_rtl() { "\" dir=\"rtl\">\n" } else { "\" dir=\"ltr\">\n" });
    out.push_str("<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"microneedling-check ");
    out.push_str(&escape_html(q.version()));
    out.push_str("\">\n<meta name=\"microneedling-check-widget-version\" content=\"");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n<title>");
    out.push_str(&escape_html(locale.ui(ui!("ui.start.title"))));
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    let mut list: Option<u8> = None;
    for line in lines(q, answers, variant, locale, clinic, date) {
        if list.is_some() && (line.tag != Tag::Li || list != Some(line.indent)) {
            out.push_str("</ul>\n");
            list = None;
        }
        let class = match line.indent {
            0 => "",
            1 => " class=\"i1\"",
            _ => " class=\"i2\"",
        };
        let (open, close) = match line.tag {
            Tag::H1 => ("<h1>", "</h1>\n"),
            Tag::H2 => ("<h2>", "</h2>\n"),
            Tag::H3 => ("<h3>", "</h3>\n"),
            Tag::P => ("<p", "</p>\n"),
            Tag::Li => ("<li>", "</li>\n"),
        };
        if line.tag == Tag::Li && list.is_none() {
            out.push_str("<ul");
            out.push_str(class);
            out.push_str(">\n");
            list = Some(line.indent);
        }
        out.push_str(open);
        if line.tag == Tag::P {
            out.push_str(class);
            out.push('>');
        }
        if !line.bold.is_empty() {
            out.push_str("<strong>");
            out.push_str(&escape_html(&line.bold));
            out.push_str("</strong>");
            if !line.text.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(&escape_html(&line.text).replace(ISOLATE, "<bdi>").replace(END_ISOLATE, "</bdi>"));
        out.push_str(close);
    }
    if list.is_some() {
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
