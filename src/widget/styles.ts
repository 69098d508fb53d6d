/**
 * Inside the shadow root, so the host page's CSS neither leaks in nor is touched. Hosts theme the widget through
 * the custom properties, which do cross the shadow boundary.
 */
export const STYLES = `
:host{display:block;font:var(--reunion-font,14px/1.4 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif);
--bg:var(--reunion-bg,#fff);--fg:var(--reunion-fg,#1a1a1a);--muted:var(--reunion-muted,#555);
--accent:var(--reunion-accent,#b3261e);--border:var(--reunion-border,#ddd);--ok:var(--reunion-verified,#146c2e);
--radius:var(--reunion-radius,8px)}
:host([hidden]){display:none}
.box{background:var(--bg);color:var(--fg);border:1px solid var(--border);border-radius:var(--radius);padding:12px}
.dark{--bg:var(--reunion-bg,#1b1b1f);--fg:var(--reunion-fg,#f2f2f2);--muted:var(--reunion-muted,#c4c4c4);
--accent:var(--reunion-accent,#ffb4ab);--border:var(--reunion-border,#444);--ok:var(--reunion-verified,#7ddc8f)}
@media (prefers-color-scheme:dark){.auto{--bg:var(--reunion-bg,#1b1b1f);--fg:var(--reunion-fg,#f2f2f2);
--muted:var(--reunion-muted,#c4c4c4);--accent:var(--reunion-accent,#ffb4ab);--border:var(--reunion-border,#444);
--ok:var(--reunion-verified,#7ddc8f)}}
h2{font-size:1.05em;margin:0 0 8px;color:var(--accent)}
ul{list-style:none;margin:0;padding:0;display:grid;gap:8px}
a{display:grid;grid-template-columns:64px 1fr;gap:10px;color:inherit;text-decoration:none;padding:6px;
border-radius:calc(var(--radius) - 2px)}
a:hover .name{text-decoration:underline}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
img,.ph{width:64px;height:64px;object-fit:cover;border-radius:4px;background:var(--border)}
.name{font-weight:600}
.meta{color:var(--muted);font-size:.92em}
.found{display:inline-block;background:var(--ok);color:var(--bg);border-radius:4px;padding:0 6px;margin-inline-start:6px;font-size:.85em}
.demo{display:inline-block;border:1px dashed currentColor;border-radius:4px;padding:0 6px;margin-inline-start:6px;font-size:.85em}
.badge{font-size:.85em;color:var(--ok)}
.badge.bad{color:var(--accent);font-weight:600}
.state{margin:0;color:var(--muted)}
.src{margin:8px 0 0;font-size:.8em;color:var(--muted)}
.src a{display:inline;padding:0;text-decoration:underline}
`;
