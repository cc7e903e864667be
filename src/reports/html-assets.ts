/**
 * The report.html stylesheet and script, inlined into the one file. No fonts, images or
 * scripts from anywhere else: the report must open offline and make no request (a CSP meta
 * tag enforces it). The script only toggles `hidden` on rows; all content is rendered and
 * escaped server-side, so no catalog text ever passes through JavaScript.
 */
export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--soft:#f6f8fa;--pass:#1a7f37;--pass-bg:#dafbe1;--warn:#9a6700;--warn-bg:#fff8c5;--fail:#cf222e;--fail-bg:#ffebe9;--chip:#ddf4ff;--chip-fg:#0969da}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 12px}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:16px 0 6px}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{background:var(--soft);padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
.verdict{border-radius:8px;padding:16px 20px;margin:8px 0 16px;border:1px solid}
.verdict .title{font-size:22px;font-weight:700;letter-spacing:.02em}
.verdict .summary{margin-top:4px;font-size:15px}
.verdict .line{margin-top:8px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;overflow-wrap:anywhere}
.tone-pass{background:var(--pass-bg);border-color:var(--pass);color:#0f4a20}
.tone-warn{background:var(--warn-bg);border-color:var(--warn);color:#4d3800}
.tone-fail{background:var(--fail-bg);border-color:var(--fail);color:#82071e}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid var(--line);padding:5px 10px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.ok{color:var(--pass);font-weight:600}
td.bad{color:var(--fail);font-weight:600}
td.warn{color:var(--warn);font-weight:600}
table.meta th{width:160px}
#kinds{width:auto;min-width:560px}
#kinds td:first-child{min-width:180px}
.filters{position:sticky;top:0;background:var(--bg);padding:8px 0;border-bottom:1px solid var(--line);z-index:1;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.filters .group{display:flex;flex-wrap:wrap;gap:4px;align-items:center;margin-right:12px}
.filters .label{color:var(--muted);font-size:12px;margin-right:2px}
.chip{border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:999px;padding:2px 10px;font-size:12px;cursor:pointer}
.chip[aria-pressed="true"]{background:var(--chip);border-color:var(--chip-fg);color:var(--chip-fg);font-weight:600}
.obj{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:var(--bg)}
.obj>summary,.obj>.row{padding:6px 10px;cursor:pointer;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.obj>.row{cursor:default}
.obj[open]>summary{border-bottom:1px solid var(--line);background:var(--soft)}
.obj pre{margin:0;padding:8px 10px;overflow:auto;max-height:520px}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;white-space:nowrap}
.s-only_in_reference{background:var(--fail-bg);color:var(--fail)}
.s-only_in_candidate{background:var(--chip);color:var(--chip-fg)}
.s-changed{background:var(--warn-bg);color:var(--warn)}
.s-equal{background:var(--pass-bg);color:var(--pass)}
.kind{color:var(--muted);font-size:12px;white-space:nowrap}
.fields{color:var(--muted);font-size:12px}
.d-add{background:#e6ffec;display:block}
.d-del{background:#ffebe9;display:block}
.d-hunk{color:#8250df;display:block}
.d-head{color:var(--muted);display:block}
.d-ctx{display:block}
.empty{color:var(--muted);font-style:italic;margin:8px 0}
.muted{color:var(--muted)}
footer{margin-top:40px;color:var(--muted);font-size:12px}
`;

export const REPORT_JS = `
(function(){
  var state={kind:'all',status:'diff'};
  function match(el){
    var k=el.getAttribute('data-kind'),s=el.getAttribute('data-status');
    var okK=state.kind==='all'||state.kind===k;
    var okS=state.status==='all'||(state.status==='diff'?s!=='equal':s===state.status);
    return okK&&okS;
  }
  function apply(){
    var rows=document.querySelectorAll('[data-obj]');
    for(var i=0;i<rows.length;i++){rows[i].hidden=!match(rows[i]);}
    var lists=document.querySelectorAll('[data-list]');
    for(var j=0;j<lists.length;j++){
      var any=lists[j].querySelector('[data-obj]:not([hidden])');
      var note=lists[j].querySelector('.empty-filter');
      if(note){note.hidden=!!any;}
    }
    var chips=document.querySelectorAll('[data-filter]');
    for(var c=0;c<chips.length;c++){
      var f=chips[c].getAttribute('data-filter');
      chips[c].setAttribute('aria-pressed',String(state[f]===chips[c].getAttribute('data-value')));
    }
  }
  document.addEventListener('click',function(e){
    var t=e.target;
    var b=t&&t.closest?t.closest('[data-filter]'):null;
    if(!b){return;}
    state[b.getAttribute('data-filter')]=b.getAttribute('data-value');
    apply();
  });
  apply();
})();
`;
