//! The report's stylesheet, for screens and for A4 paper.

/// Inline CSS; system fonts only, so nothing is fetched.
pub const CSS: &str = r#"
:root { --ink: #1d2433; --muted: #5b6475; --rule: #d7dce4; --planned: #c9d4e5; --actual: #2f5d9c;
  --own: #2f5d9c; --peers: #e39b3b; --useful: #2f7d5c; --interesting: #8a63b8; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR", sans-serif;
  color: var(--ink); max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.3em; border-bottom: 2px solid var(--ink); padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.1em; margin: 1.4em 0 .4em; }
h4 { font-size: 1em; margin: 1em 0 .3em; }
.subtitle { font-size: 1.1em; margin-top: 0; }
.muted { color: var(--muted); font-weight: normal; }
.privacy { border-left: 4px solid #b5472f; background: #fbefec; padding: .5em .8em; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 1em 0; }
.figures div { border: 1px solid var(--rule); border-radius: 6px; padding: .4em .9em; min-width: 7em; }
.figures dt { color: var(--muted); font-size: .85em; }
.figures dd { margin: 0; font-size: 1.5em; font-weight: 600; }
.criteria { display: grid; grid-template-columns: repeat(auto-fill, minmax(16em, 1fr)); gap: 2px 16px; font-size: .9em; }
.criteria div { display: flex; gap: .5em; }
.criteria dt { font-family: ui-monospace, monospace; color: var(--muted); }
.criteria dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .9em; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.members { font-size: .85em; color: var(--muted); }
figure { margin: .6em 0; }
svg { max-width: 100%; height: auto; font-family: inherit; }
.profiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }
.profile figcaption { font-weight: 600; }
.legend { font-size: .85em; color: var(--muted); }
.key { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; margin-left: .6em; }
.key.planned { background: var(--planned); } .key.actual { background: var(--actual); }
.key.own { background: var(--own); } .key.peers { background: var(--peers); }
.key.useful { background: var(--useful); } .key.interesting { background: var(--interesting); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  h2 { break-before: page; break-after: avoid; }
  header + section h2 { break-before: auto; }
  h3, h4 { break-after: avoid; }
  /* The lines under a heading (a legend, a note) go with what follows them, so a heading
     never ends a page above its charts. */
  h2 + p, h3 + p, h3 + p + p { break-after: avoid; }
  figure, tr, .profile, .figures, .privacy { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; border-bottom: 1.5px solid var(--ink); }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
