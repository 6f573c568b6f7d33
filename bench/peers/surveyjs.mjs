// SurveyJS, the script-based survey library the issue compares the widget with, on the same demo
// page with the same questionnaire, for bench/run.mjs to load in the same rounds as the widget.
//
// surveySite(html, questions, dir) writes into `dir` the demo page (`html`, without the widget's
// preloads) with the widget's two lines replaced by a SurveyJS survey, as its documentation embeds
// one: its stylesheet in the head (the "fontless" one: the other fetches a web font from Google),
// its two scripts and the survey's JSON as `defer` scripts, and one line that renders it. The
// survey is the widget's questionnaire (`questions`: the output of `microneedling-check questions
// --json`) in SurveyJS's terms: a start page first (`firstPageIsStartPage`), then one question per
// page with the same options, required, with the same visibility conditions, in English. So its
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
export const SURVEY_PEER = { start: 'input.sd-navigation__start-btn', question: '.sd-question input' };

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

/** The widget's questionnaire as a SurveyJS survey. */
export function surveyJson(questions) {
  const pages = [
    {
      name: 'start',
      elements: [
        {
          type: 'html',
          name: 'intro',
          html: '<h2>Could microneedling suit you?</h2><p>Answer a few questions about your skin and health. Your answers stay in your browser.</p>',
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
  return { firstPageIsStartPage: true, startSurveyText: 'Start now', showProgressBar: 'top', pages };
}

/**
 * Writes into `dir` (which has the demo page's stylesheets) the demo page `html` (without the
 * widget's preloads: bench/run.mjs's demoPage) with SurveyJS in place of the widget's two lines,
 * and SurveyJS's files; returns their paths in `dir` (for their sizes).
 */
export async function surveySite(html, questions, dir) {
  const widget =
    /<script type="module" async src="\.\/microneedling-check\.js"><\/script>\s*<microneedling-check[^>]*><\/microneedling-check>/;
  if (!widget.test(html) || !html.includes('</head>'))
    throw new Error("the demo page: expected the widget's two lines and a </head>");
  const [[css], ...scripts] = files();
  const page = html
    .replace('</head>', `  <link rel="stylesheet" href="./${css}">\n</head>`)
    .replace(
      widget,
      [
        '<div id="survey"></div>',
        ...scripts.map(([name]) => `<script defer src="./${name}"></script>`),
        '<script defer src="./survey-json.js"></script>',
        '<script defer src="./survey-render.js"></script>',
      ].join('\n      '),
    );
  await writeFile(path.join(dir, 'index.html'), page);
  for (const [name, from] of files()) await copyFile(from, path.join(dir, name));
  await writeFile(path.join(dir, 'survey-json.js'), `window.SURVEY_JSON = ${JSON.stringify(surveyJson(questions))};\n`);
  await writeFile(
    path.join(dir, 'survey-render.js'),
    `SurveyUI.renderSurvey(new Survey.Model(window.SURVEY_JSON), document.getElementById('survey'));\n`,
  );
  return [...files().map(([name]) => name), 'survey-json.js', 'survey-render.js'].map((name) => path.join(dir, name));
}
