/** Styles live inside the overlay's shadow root: the page cannot restyle it, and it cannot leak. */
export const OVERLAY_CSS = `
:host { all: initial; }
.panel {
  --bg: #ffffff; --fg: #1b1d21; --muted: #5d6470; --border: #d5d9e0; --accent: #4f46e5;
  --accent-fg: #fff; --ok: #05603a; --err: #b42318; --ins: #d1fadf; --del: #fee4e2;
  position: fixed; z-index: 2147483647; box-sizing: border-box; width: min(420px, calc(100vw - 16px));
  max-height: min(60vh, 420px); overflow: auto; padding: 10px 12px; border-radius: 10px;
  background: var(--bg); color: var(--fg); border: 1px solid var(--border);
  box-shadow: 0 8px 28px rgba(0,0,0,.18); font: 13px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif;
}
@media (prefers-color-scheme: dark) {
  .panel { --bg: #1d1f24; --fg: #e8eaef; --muted: #a0a7b4; --border: #3a3f4a; --accent: #818cf8;
    --accent-fg: #0b0b12; --ok: #6ce9a6; --err: #fda29b; --ins: #0f3d26; --del: #4a1c18; }
}
.head { display: flex; align-items: center; gap: 8px; }
.title { font-weight: 600; flex: 1; }
.mode-hint { font-size: 12px; color: var(--muted); }
.status { margin: 6px 0; }
.status.success { color: var(--ok); }
.status.error { color: var(--err); }
.cost { margin: -2px 0 6px; font-size: 12px; color: var(--muted); }
.cost-amount { font-weight: 600; font-variant-numeric: tabular-nums; }
.spinner { display: inline-block; width: 9px; height: 9px; margin-right: 6px; border: 2px solid currentColor;
  border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; vertical-align: -1px; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
.preview, .diff { white-space: pre-wrap; margin: 6px 0; padding: 6px 8px; border-radius: 6px;
  border: 1px solid var(--border); max-height: 180px; overflow: auto; }
/* The refinement on its way: fixed heights, so the panel does not grow (or jump) per token. */
.progress { margin: 6px 0; }
.progress-line { color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.progress-text { white-space: pre-wrap; margin-top: 4px; padding: 4px 8px; border-radius: 6px;
  border: 1px dashed var(--border); color: var(--muted); height: 4.35em; overflow: auto; }
.progress-text:empty::before { content: 'The refined text will appear here as it arrives.'; font-style: italic; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.diff ins { background: var(--ins); text-decoration: none; }
.diff del { background: var(--del); }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
button, select { font: inherit; color: inherit; background: transparent; border: 1px solid var(--border);
  border-radius: 6px; padding: 3px 9px; cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
button.link { border: none; padding: 0; color: var(--accent); text-decoration: underline; }
button.close { border: none; font-size: 16px; line-height: 1; padding: 0 4px; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
[hidden] { display: none !important; }
.checklist { color: var(--muted); margin: 4px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 2px 10px; }
.checklist .covered { color: var(--ok); }
.feedback { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 6px; color: var(--muted); }
.feedback-stage { display: inline-flex; align-items: center; gap: 4px; }
button.thumb { padding: 0 6px; border-color: transparent; filter: grayscale(1); opacity: .7; }
button.thumb[aria-pressed="true"] { border-color: var(--accent); filter: none; opacity: 1; }
`;
