//! The result: overall level, findings with reasons and sources, expectations, advice, the
//! clinic's call to action, the references, keeping the result, and start again. Each part is a
//! function of its own; `summary_page` puts them in order.

use yew::prelude::*;

use crate::engine::{self, Action, AdviceGroup, Level, Questionnaire, SourceId, Summary};
use crate::i18n::{advice_heading, ui, Locale};
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
            <h2 class="mc-title" tabindex="-1" ref={props.heading.clone()}>{ locale.ui(ui!("ui.summary.title")) }</h2>
            { result_panel(locale, &summary) }
            { findings(locale, q, &summary) }
            { expectations(locale, q, &summary) }
            { advice(locale, &summary) }
            <div class="mc-inset mc-disclaimer">
                <p>{ locale.ui(ui!("ui.summary.disclaimer")) }</p>
                <p class="mc-version">{ locale.format(ui!("ui.summary.version"), &[("version", q.version()), ("date", q.reviewed())]) }</p>
            </div>
            { call_to_action(props) }
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

/// The overall level, and the medicine line when a finding concerns a medicine.
fn result_panel(locale: Locale, summary: &Summary<'_>) -> Html {
    html! {
        <>
            <div class="mc-panel">
                <p class="mc-panel-title">{ locale.at(summary.level.title()) }</p>
                <p>{ locale.at(summary.level.detail()) }</p>
            </div>
            if summary.medicine {
                <p class="mc-warning"><strong>{ locale.ui(ui!("ui.summary.medicine")) }</strong></p>
            }
        </>
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
                <h4 class="mc-group-title">{ locale.at(group.title()) }</h4>
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
            <ul class="mc-concerns">{ for concerns }</ul>
        </>
    }
}

/// Preparation, aftercare and when to get help, one section per advice group.
fn advice(locale: Locale, summary: &Summary<'_>) -> Html {
    let sections = AdviceGroup::ALL.into_iter().map(|group| {
        let points =
            summary.advice.iter().filter(|a| a.group() == group).map(|a| html! { <li>{ locale.at(a.text()) }</li> });
        html! {
            <section class="mc-advice" data-advice={group.name()}>
                <h3 class="mc-subtitle">{ locale.ui(advice_heading(group)) }</h3>
                <ul class="mc-list">{ for points }</ul>
            </section>
        }
    });
    html! { <>{ for sections }</> }
}

/// The next step: take the summary to the clinic, and its booking link if it gave one.
fn call_to_action(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let name = clinic_name(locale, props.config.clinic_name.as_deref());
    let booking = props.config.booking_url.as_ref().map(|url| {
        html! {
            <a class="mc-button mc-button-secondary" href={url.clone()} target="_blank" rel="noopener noreferrer">
                { with_clinic(locale, ui!("ui.summary.book"), &name) }
                <span class="mc-visually-hidden">{ format!(" {}", locale.ui(ui!("ui.new_tab"))) }</span>
            </a>
        }
    });
    html! {
        <div class="mc-cta">
            <p>{ with_clinic(locale, ui!("ui.summary.next"), &name) }</p>
            { booking }
        </div>
    }
}

/// Every source the findings, expectations and advice above cite, with its title.
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
        <details class="mc-references">
            <summary>{ locale.ui(ui!("ui.summary.references")) }</summary>
            <ul class="mc-list">{ for items }</ul>
        </details>
    }
}
