// SurveyJS, the script-based survey library the issue compares the widget with, on the same demo
// page with the same questionnaire, for bench/run.mjs to load in the same rounds as the widget.
//
// surveySite(html, questions, dir, { code, toml, page }) writes into `dir` the demo page (`html`,
// without the widget's preloads) as `page`, with the widget's two lines replaced by a SurveyJS
// survey, as its documentation embeds one: its stylesheet in the head (the "fontless" one: the
// other fetches a web font from Google), its two scripts (and, for a locale other than English,
// its own translation of its buttons and messages, survey-core/i18n/) and the survey's JSON as
// `defer` scripts, and one line that renders it. The survey is the widget's questionnaire
// (`questions`: the output of `microneedling-check questions --json`) in SurveyJS's terms: a start
// page first (`firstPageIsStartPage`) with the widget's start-page heading and lead, then one
// question per page with the same options, required, with the same visibility conditions, in the
// locale `code`, its texts taken from `toml` (the widget's locales/<code>.toml, looked up by the
// same keys the widget uses; for English they must give exactly the texts of `questions`). So its
// "first question" is the widget's: the first page with inputs after Start.
//
// The packages come from bench/peers/package-lock.json (scripts/bench.sh installs them there).

import { readFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Where `npm ci` in bench/peers/ put the packages (their `exports` hide these files from require).
const MODULES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules');

/** The library's name and version, as the report names it. */
export function surveyVersion() {
  const { version } = JSON.parse(readFileSync(path.join(MODULES, 'survey-core', 'package.json'), 'utf8'));
  return `SurveyJS ${version} (survey-core + survey-js-ui)`;
}

/** What bench/instrument.js looks for on its page: its Start button and a question's inputs. */
export const SURVEY_PEER = {
  start: 'input.sd-navigation__start-btn',
  question: '.sd-question input',
  heading: '.sd-html h2',
};

/** SurveyJS's own translations (survey-core/i18n/<name>.min.js) of the widget's locales. */
const I18N = { ar: 'arabic', de: 'german', es: 'spanish', fr: 'french' };

/** The files a site would serve for it, by their name on the page and where npm put them. */
function files() {
  return [
    ['survey-core.fontless.min.css', path.join(MODULES, 'survey-core', 'survey-core.fontless.min.css')],
    ['survey.core.min.js', path.join(MODULES, 'survey-core', 'survey.core.min.js')],
    ['survey-js-ui.min.js', path.join(MODULES, 'survey-js-ui', 'survey-js-ui.min.js')],
  ];
}

/** A visibility condition of the content (see `show_if` in the questions' JSON) in SurveyJS's expression language. */
function condition(c) {
  if (c.any) return c.any.map((part) => `(${condition(part)})`).join(' or ');
  if (c.is) return `{${c.q}} anyof [${c.is.map((v) => `'${v}'`).join(', ')}]`;
  if (c.is_not !== undefined) return `{${c.q}} != '${c.is_not}'`;
  throw new Error(`surveyjs: a condition this script does not know: ${JSON.stringify(c)}`);
}

/** A locale file's texts (locales/<code>.toml: one `"key" = "text"` a line) as a Map. */
function parseToml(toml) {
  // Every text is one line `"key" = "text"`, a TOML basic string: the same escapes as JSON here.
  return new Map([...toml.matchAll(/^"([^"]+)"\s*=\s*("(?:[^"\\]|\\.)*")\s*$/gm)].map((m) => [m[1], JSON.parse(m[2])]));
}

/**
 * `questions` with every text in the locale whose texts are `texts` (parseToml), by the widget's
 * keys (src/engine/keys.rs): section.<id>, question.<id>, question.<id>.hint, and an option's
 * own option.<question>.<option> if it has one, else the shared option.<option>.
 */
function translated(questions, texts) {
  const text = (key) => {
    const value = texts.get(key);
    if (typeof value !== 'string' || value === '') throw new Error(`surveyjs: no text for ${key}`);
    return value;
  };
  return {
    ...questions,
    sections: questions.sections.map((section) => ({
      ...section,
      title: text(`section.${section.id}`),
      questions: section.questions.map((q) => ({
        ...q,
        text: text(`question.${q.id}`),
        ...(q.hint !== undefined ? { hint: text(`question.${q.id}.hint`) } : {}),
        options: q.options.map((o) => ({
          ...o,
          text: texts.get(`option.${q.id}.${o.id}`) || text(`option.${o.id}`),
        })),
      })),
    })),
  };
}

const escapeHtml = (t) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The widget's questionnaire as a SurveyJS survey in the locale `code` (`texts`: parseToml). */
export function surveyJson(questions, texts, code = 'en') {
  const start = (key) => escapeHtml(texts.get(key) ?? '');
  const pages = [
    {
      name: 'start',
      elements: [
        {
          type: 'html',
          name: 'intro',
          html: `<h2>${start('ui.start.title')}</h2><p>${start('ui.start.lead')}</p>`,
        },
      ],
    },
  ];
  for (const section of questions.sections) {
    for (const q of section.questions) {
      const element = {
        type: q.kind === 'multiple' ? 'checkbox' : 'radiogroup',
        name: q.id,
        title: q.text,
        isRequired: true,
        choices: q.options.map((o) => ({ value: o.id, text: o.text })),
      };
      if (q.hint) element.description = q.hint;
      if (q.show_if) element.visibleIf = condition(q.show_if);
      pages.push({ name: q.id, title: section.title, elements: [element] });
    }
  }
  if (pages.length < 2) throw new Error('surveyjs: the questionnaire has no questions');
  return {
    ...(code === 'en' ? {} : { locale: code }),
    firstPageIsStartPage: true,
    startSurveyText: texts.get('ui.start.button') || 'Start now',
    showProgressBar: 'top',
    pages,
  };
}

/**
 * Writes into `dir` (which has the demo page's stylesheets) the demo page `html` (without the
 * widget's preloads: bench/run.mjs's demoPage) as `page`, with SurveyJS in place of the widget's
 * two lines, showing the questionnaire in the locale `code` (texts from `toml`, that locale's
 * locales/<code>.toml), and SurveyJS's files; returns the paths in `dir` of the files that page
 * loads besides itself and the host page's stylesheets (for their sizes).
 */
export async function surveySite(html, questions, dir, { code = 'en', toml, page = 'index.html' }) {
  const widget =
    /<script type="module" async src="\.\/microneedling-check\.js"><\/script>\s*<microneedling-check[^>]*><\/microneedling-check>/;
  if (!widget.test(html) || !html.includes('</head>'))
    throw new Error("the demo page: expected the widget's two lines and a </head>");
  const texts = parseToml(toml);
  let localized = questions;
  if (code === 'en') {
    // The keys must find exactly the texts the CLI printed, or the other locales' lookups are wrong too.
    if (JSON.stringify(translated(questions, texts)) !== JSON.stringify(questions))
      throw new Error("surveyjs: locales/en.toml by the widget's keys does not give the CLI's texts");
  } else {
    if (!I18N[code]) throw new Error(`surveyjs: no SurveyJS translation named for locale ${code}`);
    localized = translated(questions, texts);
  }
  const library = files();
  if (code !== 'en') {
    const name = `survey-i18n-${I18N[code]}.min.js`;
    library.push([name, path.join(MODULES, 'survey-core', 'i18n', `${I18N[code]}.min.js`)]);
  }
  const [[css], ...scripts] = library;
  const json = `survey-json-${code}.js`;
  const rtl = code === 'ar';
  const out = html
    .replace('</head>', `  <link rel="stylesheet" href="./${css}">\n</head>`)
    .replace(
      widget,
      [
        `<div id="survey" lang="${code}"${rtl ? ' dir="rtl"' : ''}></div>`,
        ...scripts.map(([name]) => `<script defer src="./${name}"></script>`),
        `<script defer src="./${json}"></script>`,
        '<script defer src="./survey-render.js"></script>',
      ].join('\n      '),
    );
  await writeFile(path.join(dir, page), out);
  for (const [name, from] of library) await copyFile(from, path.join(dir, name));
  await writeFile(
    path.join(dir, json),
    `window.SURVEY_JSON = ${JSON.stringify(surveyJson(localized, texts, code))};\n`,
  );
  await writeFile(
    path.join(dir, 'survey-render.js'),
    `SurveyUI.renderSurvey(new Survey.Model(window.SURVEY_JSON), document.getElementById('survey'));\n`,
  );
  return [...library.map(([name]) => name), json, 'survey-render.js'].map((name) => path.join(dir, name));
}
