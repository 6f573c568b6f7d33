//! The result: the overall level as the page's heading, the next step that fits it right under
//! it, then findings with reasons and sources, expectations, advice, the sources' key, keeping
//! the result, and start again. Each part is a function of its own; `summary_page` puts them in
//! order.

use yew::prelude::*;

use crate::engine::{self, Action, AdviceGroup, Level, Questionnaire, SourceId, Summary};
use crate::i18n::{advice_heading, group_heading, next_step, ui, Locale};
use crate::ui::parts::{
    answers_by_section, back_link, clinic_name, contact_line, sources_line, with_clinic, KeepResult, PageProps,
};

/// The summary page.
pub fn summary_page(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let q = engine::questionnaire();
    let summary = engine::evaluate(q, props.journey.answers(), props.journey.variant());
    let restart = props.dispatch.reform(|_| Action::Restart);
    html! {
        <div class="mc-page" data-level={summary.level.name()}>
            { back_link(props) }
            { result_panel(props, &summary) }
            { next(props, summary.level) }
            if summary.medicine {
                <p class="mc-warning"><strong>{ locale.ui(ui!("ui.summary.medicine")) }</strong></p>
            }
            { findings(locale, q, &summary) }
            { expectations(locale, q, &summary) }
            { advice(locale, &summary) }
            <div class="mc-inset mc-disclaimer">
                <p>{ locale.ui(ui!("ui.summary.disclaimer")) }</p>
                <p class="mc-version">{ locale.format(ui!("ui.summary.version"), &[("version", q.version()), ("date", q.reviewed())]) }</p>
            </div>
            { references(locale, q, &summary) }
            // Printed only: the date and the answers, so a printout is complete on its own.
            <section class="mc-print-only">
                <h3 class="mc-subtitle">{ locale.ui(ui!("ui.export.answers")) }</h3>
                <p>{ locale.format(ui!("ui.export.date"), &[("date", &crate::ui::parts::now().date())]) }</p>
                { answers_by_section(props, false) }
            </section>
            <KeepResult journey={props.journey.clone()} config={props.config.clone()} />
            <button type="button" class="mc-button mc-button-secondary" data-action="restart" onclick={restart}>{ locale.ui(ui!("ui.summary.restart")) }</button>
            { contact_line(props) }
        </div>
    }
}

/// The overall level: its headline is the page's heading, which receives focus on arrival, under
/// a "Your result" caption (as a question's section name sits over its heading).
fn result_panel(props: &PageProps, summary: &Summary<'_>) -> Html {
    let locale = props.config.locale;
    html! {
        <div class="mc-panel">
            <p class="mc-caption">{ locale.ui(ui!("ui.summary.title")) }</p>
            <h2 class="mc-title" tabindex="-1" ref={props.heading.clone()}>{ locale.at(summary.level.title()) }</h2>
            <p>{ locale.at(summary.level.detail()) }</p>
        </div>
    }
}

/// The findings, grouped by level, most cautious first: reason, what a professional would do,
/// the answers that fired it, its sources.
fn findings(locale: Locale, q: &Questionnaire, summary: &Summary<'_>) -> Html {
    if summary.findings.is_empty() {
        return Html::default();
    }
    let groups = Level::ALL.into_iter().filter(|l| *l != Level::NoSpecificConcern).filter_map(|group| {
        let items: Vec<Html> = summary
            .findings
            .iter()
            .filter(|f| f.level() == group)
            .map(|finding| {
                let because = finding.triggers.iter().filter_map(|t| {
                    let question = q.question(t.question.as_str())?;
                    Some(html! {
                        <li>{ locale.at(question.text()) }{" "}<strong>{ locale.option(t.question.as_str(), t.option.as_str()) }</strong></li>
                    })
                });
                html! {
                    <li class="mc-finding" data-rule={finding.rule.id().as_str().to_string()}>
                        <p class="mc-finding-reason">{ locale.at(finding.rule.reason()) }</p>
                        <p><strong>{ locale.ui(ui!("ui.summary.action")) }</strong>{" "}{ locale.at(finding.rule.action()) }</p>
                        <p class="mc-because">{ locale.ui(ui!("ui.summary.because")) }</p>
                        <ul class="mc-list mc-because-list">{ for because }</ul>
                        { sources_line(locale, finding.rule.sources()) }
                    </li>
                }
            })
            .collect();
        (!items.is_empty()).then(|| html! {
            <section class="mc-group" data-level={group.name()}>
                <h4 class="mc-group-title">{ locale.ui(group_heading(group)) }</h4>
                <ul class="mc-findings">{ for items }</ul>
            </section>
        })
    });
    html! {
        <>
            <h3 class="mc-subtitle">{ locale.ui(ui!("ui.summary.findings")) }</h3>
            { for groups }
        </>
    }
}

/// What to expect for each concern the visitor chose: evidence, course, caveat, sources.
fn expectations(locale: Locale, q: &Questionnaire, summary: &Summary<'_>) -> Html {
    if summary.concerns.is_empty() {
        return Html::default();
    }
    let concerns_question = q.questions().iter().find(|x| x.is_concerns());
    let concerns = summary.concerns.iter().map(|concern| {
        let name = concerns_question.map(|x| locale.option(x.id().as_str(), concern.id().as_str())).unwrap_or_default();
        html! {
            <li class="mc-concern">
                <h4 class="mc-concern-title">{ name }</h4>
                <p><strong>{ locale.ui(ui!("ui.summary.evidence")) }</strong>{" "}{ locale.at(concern.evidence().text()) }</p>
                <p>{ locale.at(concern.course()) }</p>
                <p>{ locale.at(concern.caveat()) }</p>
                { sources_line(locale, concern.sources()) }
            </li>
        }
    });
    html! {
        <>
            <h3 class="mc-subtitle">{ locale.ui(ui!("ui.summary.expectations")) }</h3>
            <p>{ locale.ui(ui!("ui.summary.expectations_lead")) }</p>
            <p>{ locale.ui(ui!("ui.summary.fda")) }</p>
            <ul class="mc-concerns">{ for concerns }</ul>
        </>
    }
}

/// Preparation, aftercare and when to get help, one section per advice group that has any (when
/// the level does not book, the engine leaves all but the general advice out).
fn advice(locale: Locale, summary: &Summary<'_>) -> Html {
    let sections = AdviceGroup::ALL.into_iter().filter_map(|group| {
        let points: Vec<Html> = summary
            .advice
            .iter()
            .filter(|a| a.group() == group)
            .map(|a| html! { <li>{ locale.at(a.text()) }</li> })
            .collect();
        (!points.is_empty()).then(|| {
            html! {
                <section class="mc-advice" data-advice={group.name()}>
                    <h3 class="mc-subtitle">{ locale.ui(advice_heading(group, summary.level)) }</h3>
                    <ul class="mc-list">{ for points }</ul>
                </section>
            }
        })
    });
    html! { <>{ for sections }</> }
}

/// The next step, right under the result: for a level that books, the booking link as the main
/// button (or, without one, the clinic's phone, or "contact the clinic"); for `NotAdvisableNow`,
/// no booking at all: their doctor, or a call to the clinic. `data-next` names the main action.
fn next(props: &PageProps, level: Level) -> Html {
    let locale = props.config.locale;
    let name = clinic_name(locale, props.config.clinic_name.as_deref());
    let call = props.config.phone.as_ref().map(|phone| {
        html! {
            <a class="mc-button" href={format!("tel:{}", phone.dial)} data-next="call">
                { with_clinic(locale, ui!("ui.next.call"), &name) }{" "}<span class="mc-phone" dir="ltr">{ &phone.display }</span>
            </a>
        }
    });
    let book = props.config.booking_url.as_ref().filter(|_| level.books()).map(|url| {
        html! {
            <a class="mc-button" href={url.clone()} target="_blank" rel="noopener noreferrer" data-next="book">
                { with_clinic(locale, ui!("ui.summary.book"), &name) }
                <span class="mc-visually-hidden">{ format!(" {}", locale.ui(ui!("ui.new_tab"))) }</span>
            </a>
        }
    });
    let contact = level.books().then(|| {
        html! { <p class="mc-next-contact" data-next="contact"><strong>{ with_clinic(locale, ui!("ui.next.contact"), &name) }</strong></p> }
    });
    html! {
        <section class="mc-next">
            <h3 class="mc-subtitle">{ locale.ui(ui!("ui.next.title")) }</h3>
            <p>{ with_clinic(locale, next_step(level), &name) }</p>
            { book.or(call).or(contact) }
        </section>
    }
}

/// The sources' key: every source the findings, expectations and advice above cite, its code and
/// its title, on screen and in print.
fn references(locale: Locale, q: &Questionnaire, summary: &Summary<'_>) -> Html {
    let cited = |id: &SourceId| {
        summary.findings.iter().any(|f| f.rule.sources().contains(id))
            || summary.concerns.iter().any(|c| c.sources().contains(id))
            || summary.advice.iter().any(|a| a.sources().contains(id))
    };
    let items = q.sources().iter().filter(|source| cited(source.id())).map(|source| {
        html! { <li><strong>{ source.id().as_str() }</strong>{" "}{ source.title() }</li> }
    });
    html! {
        <section class="mc-references">
            <h3 class="mc-subtitle">{ locale.ui(ui!("ui.summary.references")) }</h3>
            <ul class="mc-list">{ for items }</ul>
        </section>
    }
}
