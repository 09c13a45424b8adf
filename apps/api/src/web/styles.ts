import { asset } from './html';

// One stylesheet for both pages. Colours meet WCAG AA (text >= 4.5:1, focus ring >= 3:1).
const CSS = `
:root { --ink: #1b1f24; --muted: #4a5560; --line: #b8c1ca; --bg: #f5f7f9; --brand: #0b5cad; --brand-dark: #084785;
  --error: #b3261e; --ok: #1e6b34; --warn: #7a4b00; --focus: #ffbf47; font-size: 100%; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.5; }
.wrap { max-width: 44rem; margin: 0 auto; padding: 0 1rem; }
body.staff .wrap { max-width: 76rem; }
main { padding-bottom: 3rem; }
main:focus { outline: none; }
a { color: var(--brand); }
a:hover { color: var(--brand-dark); }
:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid var(--ink); outline-offset: 0; box-shadow: 0 0 0 6px var(--focus); }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--focus); color: var(--ink); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: 0; }
.site-header { background: var(--brand-dark); color: #fff; padding: .75rem 0; margin-bottom: 1.5rem; }
.site-header .wrap { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between; }
.brand { font-weight: 700; font-size: 1.1rem; }
.site-nav { display: flex; gap: 1rem; align-items: center; }
.site-nav a, .site-nav .link-button { color: #fff; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .75rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
.lead { font-size: 1.1rem; color: var(--muted); }
.hint { color: var(--muted); font-size: .95rem; margin: 0 0 .35rem; }
.field { margin: 0 0 1.25rem; }
.field > label, legend { display: block; font-weight: 600; margin-bottom: .25rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; min-width: 0; }
fieldset.group { border-left: 4px solid var(--line); padding-left: 1rem; }
input[type=text], input[type=tel], input[type=email], input[type=password], input[type=search], input[type=number], select, textarea {
  font: inherit; color: var(--ink); background: #fff; border: 2px solid var(--muted); border-radius: 4px; padding: .5rem .6rem; width: 100%; max-width: 100%; min-height: 2.75rem; }
input.short { max-width: 12rem; }
input.medium { max-width: 20rem; }
textarea { min-height: 5rem; }
.choice { display: flex; gap: .6rem; align-items: flex-start; margin: .4rem 0; }
.choice input { width: 1.4rem; height: 1.4rem; margin: .15rem 0 0; flex: none; accent-color: var(--brand); }
.choice label { font-weight: 400; }
.choices-inline { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
.field-error { color: var(--error); font-weight: 600; margin: 0 0 .35rem; }
.has-error > input, .has-error > select, .has-error input[type=text] { border-color: var(--error); }
.has-error { border-left: 4px solid var(--error); padding-left: .75rem; }
.error-summary { border: 4px solid var(--error); padding: 1rem 1.25rem; margin: 0 0 1.5rem; }
.error-summary h2 { margin-top: 0; font-size: 1.2rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: var(--error); font-weight: 600; }
button, .button { font: inherit; font-weight: 600; border: 0; border-radius: 4px; padding: .65rem 1.25rem; min-height: 2.75rem; cursor: pointer;
  background: var(--brand); color: #fff; text-decoration: none; display: inline-block; }
button:hover, .button:hover { background: var(--brand-dark); color: #fff; }
button.secondary { background: #e6ebf0; color: var(--ink); border: 2px solid var(--muted); }
button.secondary:hover { background: #d5dce3; color: var(--ink); }
button[disabled] { opacity: .65; cursor: progress; }
.link-button { background: none; border: 0; padding: 0; min-height: 0; text-decoration: underline; font-weight: 400; }
.link-button:hover { background: none; }
form.inline { display: inline; margin: 0; }
.panel { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin: 1rem 0; }
.notice { border-left: 6px solid var(--brand); background: #eef4fb; padding: 1rem 1.25rem; margin: 1rem 0; }
.notice.warn { border-color: #b86e00; background: #fff6e5; }
.notice.ok { border-color: var(--ok); background: #edf7ef; }
.notice.bad { border-color: var(--error); background: #fdeeee; }
.progress { display: flex; gap: .75rem; align-items: center; }
.spinner { width: 1.5rem; height: 1.5rem; border: 4px solid #c9d6e3; border-top-color: var(--brand); border-radius: 50%; animation: spin 1s linear infinite; flex: none; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; border-top-color: #c9d6e3; border-left-color: var(--brand); } }
.result-list { padding-left: 1.25rem; }
.result-list li { margin: .35rem 0; }
[hidden] { display: none !important; }
.strong { font-weight: 700; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* Staff dashboard */
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
.filters .field { margin: 0; min-width: 10rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--bg); border-bottom: 2px solid var(--muted); }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: 999px; font-size: .85rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.s-completed { color: var(--ok); } .s-needs_review { color: var(--warn); } .s-failed, .s-cancelled { color: var(--error); }
.s-queued, .s-in_progress { color: var(--brand-dark); }
.overdue { color: var(--error); font-weight: 600; } .soon { color: var(--warn); font-weight: 600; }
.pager { display: flex; gap: 1rem; align-items: center; margin-top: 1rem; }
.levels { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.level { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; background: #fff; }
.level h3 { margin-top: 0; }
dl.terms { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: .25rem 0 .75rem; }
dl.terms dt { color: var(--muted); } dl.terms dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; min-width: 0; }
.facts > *, .levels > * { min-width: 0; }
details.manual > summary { cursor: pointer; font-size: 1.3rem; font-weight: 700; margin: 2rem 0 .75rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .25rem 1.5rem; }
pre.x12 { background: #0f1419; color: #e6edf3; padding: 1rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-size: .85rem; border-radius: 6px; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.manual-levels { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
.two-col { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1rem; }
@media (max-width: 30rem) { h1 { font-size: 1.5rem; } .wrap { padding: 0 .75rem; } button[type=submit] { width: 100%; } }
`;

export const CSS_ASSET = asset('site.css', 'text/css; charset=utf-8', CSS);
