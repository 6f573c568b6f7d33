//! The result: overall level, findings with reasons and sources, expectations, advice, the
//! clinic's call to action, print and start again.

use yew::prelude::*;

use crate::engine::{self, Action, AdviceGroup, Level, SourceId};
use crate::i18n::{advice_heading, ui, Locale, Ui};

use super::app::PageProps;
use super::check::answers_by_section;
use super::keep::KeepResult;
use super::question::back_link;
use super::start::contact_line;
use super::text::{clinic_name, with_clinic};

fn sources_line(locale: Locale, sources: &[SourceId]) -> Html {
    html! { <p class="mc-sources">{ locale.sources(sources) }</p> }
}

/// The summary page.
pub fn summary_page(props: &PageProps) -> Html {
    let locale = props.config.locale;
    let t = |key: Ui| locale.ui(key).to_string();
    let q = engine::questionnaire();
    let summary = engine::evaluate(q, props.journey.answers(), props.journey.variant());
    let level = summary.level.name();

    let groups = Level::ALL.into_iter().filter(|l| *l != Level::NoSpecificConcern).filter_map(|group| {
        let findings: Vec<Html> = summary
            .findings
            .iter()
            .filter(|f| f.level() == group)
            .map(|finding| {
                let id = finding.rule.id().as_str();
                let because = finding.triggers.iter().filter_map(|t| {
                    let question = q.question(t.question.as_str())?;
                    Some(html! {
                        <li>{ locale.at(question.text()) }{" "}<strong>{ locale.option(t.question.as_str(), t.option.as_str()) }</strong></li>
                    })
                });
                html! {
                    <li class="mc-finding" data-rule={id.to_string()}>
                        <p class="mc-finding-reason">{ locale.at(finding.rule.reason()) }</p>
                        <p><strong>{ t(ui!("ui.summary.action")) }</strong>{" "}{ locale.at(finding.rule.action()) }</p>
                        <p class="mc-because">{ t(ui!("ui.summary.because")) }</p>
                        <ul class="mc-list mc-because-list">{ for because }</ul>
                        { sources_line(locale, finding.rule.sources()) }
                    </li>
                }
            })
            .collect();
        (!findings.is_empty()).then(|| html! {
            <section class="mc-group" data-level={group.name()}>
                <h4 class="mc-group-title">{ locale.at(group.title()) }</h4>
                <ul class="mc-findings">{ for findings }</ul>
            </section>
        })
    });

    let concerns = summary.concerns.iter().map(|concern| {
        let id = concern.id().as_str();
        let name = q
            .questions()
            .iter()
            .find(|x| x.is_concerns())
            .map(|x| locale.option(x.id().as_str(), id))
            .unwrap_or_default();
        html! {
            <li class="mc-concern">
                <h4 class="mc-concern-title">{ name }</h4>
                <p><strong>{ t(ui!("ui.summary.evidence")) }</strong>{" "}{ locale.at(concern.evidence().text()) }</p>
                <p>{ locale.at(concern.course()) }</p>
                <p>{ locale.at(concern.caveat()) }</p>
                { sources_line(locale, concern.sources()) }
            </li>
        }
    });

    let advice = AdviceGroup::ALL.into_iter().map(|group| {
        let points: Vec<Html> = summary
            .advice
            .iter()
            .filter(|a| a.group() == group)
            .map(|a| html! { <li>{ locale.at(a.text()) }</li> })
            .collect();
        html! {
            <section class="mc-advice" data-advice={group.name()}>
                <h3 class="mc-subtitle">{ locale.ui(advice_heading(group)) }</h3>
                <ul class="mc-list">{ for points }</ul>
            </section>
        }
    });

    let cited = |id: &SourceId| {
        summary.findings.iter().any(|f| f.rule.sources().contains(id))
            || summary.concerns.iter().any(|c| c.sources().contains(id))
            || summary.advice.iter().any(|a| a.sources().contains(id))
    };
    let references = q.sources().iter().filter(|source| cited(source.id())).map(|source| {
        html! { <li><strong>{ source.id().as_str() }</strong>{" "}{ source.title() }</li> }
    });

    let name = clinic_name(locale, props.config.clinic_name.as_deref());
    let booking = props.config.booking_url.as_ref().map(|url| {
        html! {
            <a class="mc-button mc-button-secondary" href={url.clone()} target="_blank" rel="noopener noreferrer">
                { with_clinic(locale, ui!("ui.summary.book"), &name) }
                <span class="mc-visually-hidden">{ format!(" {}", t(ui!("ui.new_tab"))) }</span>
            </a>
        }
    });
    let restart = props.dispatch.reform(|_| Action::Restart);

    html! {
        <div class="mc-page" data-level={level}>
            { back_link(props) }
            <h2 class="mc-title" tabindex="-1" ref={props.heading.clone()}>{ t(ui!("ui.summary.title")) }</h2>
            <div class="mc-panel">
                <p class="mc-panel-title">{ locale.at(summary.level.title()) }</p>
                <p>{ locale.at(summary.level.detail()) }</p>
            </div>
            if summary.medicine {
                <p class="mc-warning"><strong>{ t(ui!("ui.summary.medicine")) }</strong></p>
            }
            if !summary.findings.is_empty() {
                <h3 class="mc-subtitle">{ t(ui!("ui.summary.findings")) }</h3>
                { for groups }
            }
            if !summary.concerns.is_empty() {
                <h3 class="mc-subtitle">{ t(ui!("ui.summary.expectations")) }</h3>
                <p>{ t(ui!("ui.summary.expectations_lead")) }</p>
                <ul class="mc-concerns">{ for concerns }</ul>
            }
            { for advice }
            <div class="mc-inset mc-disclaimer">
                <p>{ t(ui!("ui.summary.disclaimer")) }</p>
                <p class="mc-version">{ locale.format(ui!("ui.summary.version"), &[("version", q.version()), ("date", q.reviewed())]) }</p>
            </div>
            <div class="mc-cta">
                <p>{ with_clinic(locale, ui!("ui.summary.next"), &name) }</p>
                { booking }
            </div>
            <details class="mc-references">
                <summary>{ t(ui!("ui.summary.references")) }</summary>
                <ul class="mc-list">{ for references }</ul>
            </details>
            // Printed only: the date and the answers, so a printout is complete on its own.
            <section class="mc-print-only">
                <h3 class="mc-subtitle">{ t(ui!("ui.export.answers")) }</h3>
                <p>{ locale.format(ui!("ui.export.date"), &[("date", &super::keep::now().date())]) }</p>
                { answers_by_section(props, false) }
            </section>
            <KeepResult journey={props.journey.clone()} config={props.config.clone()} />
            <button type="button" class="mc-button mc-button-secondary" data-action="restart" onclick={restart}>{ t(ui!("ui.summary.restart")) }</button>
            { contact_line(props) }
        </div>
    }
}
