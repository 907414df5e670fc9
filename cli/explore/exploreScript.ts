/**
 * The explorer page's script. The position is the path taken (`full`, action indices) and how much
 * of it is taken (`pos`): undo and the arrow keys move `pos` and keep the steps ahead, which a
 * different step replaces. Both are in the URL fragment (`#path=3.0.2&at=1`, `init=` for a model
 * of several initial states), so a shared link reopens the position; the server replays the path
 * and answers everything the page shows about it.
 */
import { CODE_BREAK_AFTER } from '../formats/htmlAssets.js';

export const EXPLORE_SCRIPT = `
(function () {
  var info = null;
  var init = 0, full = [], pos = 0;
  var current = null, busy = false, searching = false, playTimer = null, loadSeq = 0;
  function $(id) { return document.getElementById(id); }
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
  // As codeHtml in cli/formats/htmlReport.ts: a line breaks at a space or after ( , . or -> only.
  function code(s) {
    return String(s).split(/(\\s+)/).map(function (part) {
      return /^\\s*$/.test(part) ? part : part.split(${CODE_BREAK_AFTER}).map(function (seg) { return '<span class="nw">' + esc(seg) + '</span>'; }).join('<wbr>');
    }).join('');
  }
  function count(n, what) { return n.toLocaleString('en-US') + ' ' + what + (n === 1 ? '' : 's'); }
  function status(text, cls) { var e = $('status'); e.textContent = text; e.className = cls || ''; }
  function api(method, url, body) {
    var options = method === 'GET' ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) };
    return fetch(url, options).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || 'HTTP ' + r.status); return j; });
    });
  }
  function fragment() {
    return '#' + (init ? 'init=' + init + '&' : '') + 'path=' + full.join('.') + (pos < full.length ? '&at=' + pos : '');
  }
  function readFragment() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    var path = p.get('path') || '';
    full = path === '' ? [] : path.split('.').map(Number);
    init = Number(p.get('init') || 0);
    var at = p.get('at');
    pos = at === null ? full.length : Math.min(Number(at), full.length);
  }
  function refresh() {
    var seq = ++loadSeq;
    busy = true;
    document.body.removeAttribute('data-ready');
    if (location.hash !== fragment()) history.replaceState(null, '', fragment());
    return api('GET', '/api/position?init=' + init + '&path=' + full.join('.') + '&at=' + pos).then(function (v) {
      if (seq !== loadSeq) return;
      current = v; busy = false; render();
    }, function (e) {
      if (seq !== loadSeq) return;
      busy = false; status(e.message, 'bad');
      document.body.setAttribute('data-ready', 'error');
    });
  }
  function go(p) { if (p >= 0 && p <= full.length && p !== pos) { pos = p; refresh(); } }
  function take(action) {
    if (busy) return;
    if (full[pos] !== action) full = full.slice(0, pos).concat([action]);
    pos++;
    refresh();
  }
  function statement(s, cls, action) {
    var inner = '<div class="fn">' + code(s.fn || '') + '</div><code>' + code(s.code) + '</code>' +
      (s.explains ? '<div class="explains">' + esc(s.explains) + '</div>' : '') +
      (s.file ? '<div class="file">' + esc(s.file) + '</div>' : '');
    return action === undefined ? '<div class="' + cls + '">' + inner + '</div>'
      : '<button class="' + cls + '" data-action="' + action + '">' + inner + '</button>';
  }
  var STATUS_TEXT = { holds: 'holds', violated: 'violated here', witnessed: 'witnessed here', 'not-witnessed': 'not witnessed here', reached: 'reached here', 'not-reached': 'not reached here', error: 'error' };
  function render() {
    var v = current;
    $('position').textContent = pos === 0 ? '(initial state)' : '(after step ' + pos + ')';
    $('threads').innerHTML = v.threads.map(function (t, i) {
      var head = '<h3>' + (i < 9 ? '<span class="key">' + (i + 1) + '</span>' : '') + esc(t.name) + (t.cpu === undefined ? '' : ' <span class="muted">cpu' + t.cpu + '</span>') + '</h3>';
      var body = t.status === 'enabled'
        ? t.options.map(function (o) { return statement(o, 'step', o.action); }).join('')
        : '<div class="reason">' + esc(t.reason) + '</div>' + (t.pending || []).map(function (p) { return statement(p, 'pending'); }).join('') +
          (t.pending && t.pending.length === 0 && t.location && t.location !== 'done' ? '<div class="muted">in ' + esc(t.location) + '</div>' : '');
      return '<div class="thread ' + t.status + '" data-thread="' + esc(t.name) + '">' + head + body + '</div>';
    }).join('') || '<p class="muted">No thread can move.</p>';
    var items = ['<li data-pos="0" class="' + (pos === 0 ? 'current' : '') + '"><span class="num">0</span>initial state</li>'];
    v.steps.forEach(function (s) {
      var cls = s.step === pos ? 'current' : s.step > pos ? 'ahead' : '';
      items.push('<li data-pos="' + s.step + '" class="' + cls + '"><span class="num">' + s.step + '</span><b>' + esc(s.thread) + '</b> ' +
        code(s.fn ? s.fn + ': ' + s.code : s.code) + (s.changes.length ? '<div class="chg">' + s.changes.map(function (c) { return code(c.field + ': ' + c.from + ' → ' + c.to); }).join('<br>') + '</div>' : '') + '</li>');
    });
    $('path').innerHTML = items.join('');
    $('path-length').textContent = '(' + count(full.length, 'step') + (pos < full.length ? ', at step ' + pos : '') + ')';
    $('properties').innerHTML = v.properties.map(function (p) {
      return '<tr class="' + p.status + '" data-property="' + esc(p.id) + '" data-status="' + p.status + '" title="' + esc(p.name) + '"><td>' + esc(p.id) + '</td><td>' + STATUS_TEXT[p.status] + '</td><td>' + esc(p.message || '') + '</td></tr>';
    }).join('');
    var changed = {};
    v.changed.forEach(function (f) { changed[f] = true; });
    $('state').innerHTML = Object.keys(v.view).map(function (k) {
      return '<tr' + (changed[k] ? ' class="changed"' : '') + ' data-field="' + esc(k) + '"><td>' + code(k) + '</td><td>' + code(v.view[k]) + '</td></tr>';
    }).join('');
    var notes = [];
    if (v.deadlock) notes.push('deadlock: no thread can move, and this is not a proper end');
    else if (v.final) notes.push('every thread has finished: a proper end');
    if (!v.withinBoundary) notes.push("this state is outside the model's bounded space: the checker neither checks nor expands it");
    if (!searching) status(notes.join('; '), v.deadlock ? 'bad' : '');
    document.body.setAttribute('data-ready', String(pos));
  }
  function allOptions() {
    var out = [];
    current.threads.forEach(function (t) { t.options.forEach(function (o) { out.push(o.action); }); });
    return out;
  }
  function randomStep() {
    if (busy || !current) return;
    var options = allOptions();
    if (options.length === 0) { status('no step is enabled here', 'bad'); return; }
    take(options[Math.floor(Math.random() * options.length)]);
  }
  function stopPlay() { if (playTimer !== null) { clearInterval(playTimer); playTimer = null; } }
  function play() {
    stopPlay();
    if (pos >= full.length) return;
    playTimer = setInterval(function () {
      if (busy) return;
      if (pos >= full.length) stopPlay(); else go(pos + 1);
    }, 600);
  }
  function showFound(html) { var f = $('found'); f.innerHTML = html; f.hidden = false; }
  function searchControls(on) {
    searching = on;
    $('cancel').disabled = !on;
    $('search').disabled = on; $('counterexample').disabled = on;
  }
  function violationText(r) { return r.violations.map(function (x) { return x.propertyId; }).join(', ') + ' violated: ' + r.violations[0].message; }
  function notFound(r, what) {
    if (r.kind === 'none') return 'No violation ' + what + ': every state reachable from here was searched (' + count(r.distinct, 'state') + ').';
    if (r.kind === 'incomplete') return (r.reason === 'interrupted' ? 'Search cancelled' : 'No violation within the bound (' + r.reason + ')') + ' after ' + count(r.distinct, 'state') + ': nothing is proven.';
    return 'The search failed: ' + r.message;
  }
  function search() {
    if (searching || busy) return;
    stopPlay();
    var bound = Number($('search-bound').value);
    var base = full.slice(0, pos), from = pos;
    searchControls(true);
    status('Searching breadth-first from step ' + from + ', up to ' + count(bound, 'state') + '…', 'busy');
    api('POST', '/api/search', { init: init, path: base, maxStates: bound }).then(function (r) {
      searchControls(false);
      if (r.kind !== 'found') { status(notFound(r, 'reachable from step ' + from), r.kind === 'none' ? '' : 'bad'); return; }
      status('');
      full = base.concat(r.path);
      showFound('<b id="found-summary">Shortest violation from step ' + from + ': ' + count(r.path.length, 'more step') + '</b> (' + count(r.distinct, 'state') + ' searched) — ' + esc(violationText(r)) +
        ' <button id="play">Play it</button> <button id="show-end">Go to its end</button>');
      $('found').setAttribute('data-length', String(r.path.length));
      refresh();
    }, function (e) { searchControls(false); status(e.message, 'bad'); });
  }
  function counterexample() {
    if (searching) return;
    stopPlay();
    searchControls(true);
    status("Running the checker on the whole model…", 'busy');
    api('POST', '/api/counterexample', {}).then(function (r) {
      searchControls(false);
      if (r.kind !== 'found') { status(notFound(r, 'in the whole model'), r.kind === 'none' ? '' : 'bad'); return; }
      status('');
      init = r.init; full = r.path.slice(); pos = full.length;
      showFound('<b id="found-summary">The checker\\'s counterexample: ' + count(r.path.length, 'step') + '</b> — ' + esc(violationText(r)) +
        ' <button id="play-from-start">Play it from the start</button>');
      $('found').setAttribute('data-length', String(r.path.length));
      refresh();
    }, function (e) { searchControls(false); status(e.message, 'bad'); });
  }
  function cancel() { api('POST', '/api/cancel', {}).catch(function (e) { status(e.message, 'bad'); }); }
  document.addEventListener('click', function (e) {
    var el = e.target.closest ? e.target : e.target.parentElement;
    var button = el.closest('button[data-action]');
    if (button) { stopPlay(); take(Number(button.getAttribute('data-action'))); return; }
    var li = el.closest('ol.path li[data-pos]');
    if (li) { stopPlay(); go(Number(li.getAttribute('data-pos'))); return; }
    var id = el.closest('button') ? el.closest('button').id : '';
    if (id === 'undo') { stopPlay(); go(pos - 1); }
    else if (id === 'random') randomStep();
    else if (id === 'search') search();
    else if (id === 'counterexample') counterexample();
    else if (id === 'cancel') cancel();
    else if (id === 'reset') { stopPlay(); go(0); }
    else if (id === 'play') play();
    else if (id === 'show-end') { stopPlay(); go(full.length); }
    else if (id === 'play-from-start') { stopPlay(); pos = 0; refresh().then(play); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.target && (e.target.tagName === 'INPUT' || e.ctrlKey || e.metaKey || e.altKey)) return;
    var k = e.key;
    if (k >= '1' && k <= '9' && current) {
      var t = current.threads[Number(k) - 1];
      if (t && t.options.length) take(t.options[0].action);
    } else if (k === 'u' || k === 'Backspace' || k === 'ArrowLeft') { stopPlay(); go(pos - 1); }
    else if (k === 'ArrowRight') { stopPlay(); go(pos + 1); }
    else if (k === 'Home') { stopPlay(); go(0); }
    else if (k === 'End') { stopPlay(); go(full.length); }
    else if (k === 'r') randomStep();
    else if (k === 's') search();
    else if (k === 'c') counterexample();
    else if (k === 'p') play();
    else if (k === 'Escape') { stopPlay(); if (searching) cancel(); }
    else return;
    e.preventDefault();
  });
  window.addEventListener('hashchange', function () {
    if (location.hash === fragment()) return;
    stopPlay(); readFragment(); refresh();
  });
  api('GET', '/api/model').then(function (m) {
    info = m;
    $('description').textContent = m.description;
    var bound = $('search-bound');
    bound.value = String(m.limits.defaultSearchStates);
    bound.max = String(m.limits.maxSearchStates);
    readFragment();
    refresh();
  }, function (e) { status(e.message, 'bad'); });
})();
`;
