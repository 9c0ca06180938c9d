// WebSocketAspire dashboard: four views over /api, rendered with DOM APIs only.
// Every value from the server is untrusted text: it goes into textContent, never into markup.
'use strict';

const state = { timer: null, generation: 0 };
const view = () => document.getElementById('view');

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store', headers: { Accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function setStatus(text) { document.getElementById('status').textContent = text; }

function formatTime(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

function formatDuration(ms) {
  if (ms < 1) return Math.round(ms * 1000) + ' µs';
  if (ms < 1000) return ms.toFixed(ms < 10 ? 2 : 1) + ' ms';
  return (ms / 1000).toFixed(2) + ' s';
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? '?' + text : '';
}

function table(headers, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', { text: h })))), el('tbody', {}, rows));
}

function attributesTable(attributes) {
  if (!attributes || attributes.length === 0) return el('p', { className: 'muted', text: 'No attributes.' });
  return el('table', { className: 'attrs' }, el('tbody', {},
    attributes.map(a => el('tr', {}, el('td', { className: 'mono', text: a.key }), el('td', { className: 'mono', text: a.value })))));
}

// Only http(s) endpoints become links; anything else is shown as text.
function endpointNode(url) {
  return /^https?:\/\//i.test(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: url }) : el('span', { className: 'mono', text: url });
}

// Polls `refresh` every `ms` while its view is current; a newer route cancels it.
function poll(ms, refresh) {
  const generation = state.generation;
  const tick = async () => {
    if (generation !== state.generation) return;
    try { await refresh(); setStatus('Updated ' + new Date().toLocaleTimeString([], { hour12: false })); }
    catch (error) { setStatus('Disconnected: ' + error.message); }
    if (generation === state.generation) state.timer = setTimeout(tick, ms);
  };
  tick();
}

async function serviceSelect(selected, onchange) {
  const services = (await getJson('/api/services')) || [];
  return el('select', { 'aria-label': 'Service', onchange },
    el('option', { value: '', text: 'All services' }),
    services.map(s => { const o = el('option', { value: s, text: s }); o.selected = s === selected; return o; }));
}

// ---- Resources -----------------------------------------------------------------------------
function showResources() {
  const body = el('tbody');
  view().replaceChildren(el('h2', { text: 'Resources' }),
    el('table', {}, el('thead', {}, el('tr', {}, ['Name', 'Type', 'State', 'PID', 'Restarts', 'Endpoints'].map(h => el('th', { text: h })))), body));
  poll(2000, async () => {
    const resources = (await getJson('/api/resources')) || [];
    body.replaceChildren(...resources.map(r => el('tr', {},
      el('td', {}, el('a', { href: '#console/' + encodeURIComponent(r.name), text: r.name })),
      el('td', { text: r.type }),
      el('td', { className: 'state-' + r.state, text: r.state }),
      el('td', { className: 'mono', text: r.processId ?? '' }),
      el('td', { text: r.restarts }),
      el('td', {}, r.endpoints.map(e => el('div', {}, endpointNode(e)))))));
    if (resources.length === 0) body.replaceChildren(el('tr', {}, el('td', { colspan: 6, className: 'empty', text: 'No resources.' })));
  });
}

// ---- Console logs ---------------------------------------------------------------------------
async function showConsole(resource) {
  const names = (await getJson('/api/console')) || [];
  if (!resource && names.length > 0) resource = names[0];
  const picker = el('select', { 'aria-label': 'Resource', onchange: e => { location.hash = '#console/' + encodeURIComponent(e.target.value); } },
    names.map(n => { const o = el('option', { value: n, text: n }); o.selected = n === resource; return o; }));
  const output = el('pre', { className: 'console' });
  view().replaceChildren(el('h2', { text: 'Console logs' }), el('div', { className: 'filters' }, picker), output);
  if (!resource) { output.append(el('span', { className: 'muted', text: 'No resources have written output yet.' })); return; }
  let after = 0;
  poll(1000, async () => {
    const slice = await getJson('/api/console/' + encodeURIComponent(resource) + query({ after: String(after) }));
    if (!slice || slice.lines.length === 0) return;
    const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;
    for (const line of slice.lines) output.append(el('div', {}, el('span', { className: 'seq', text: formatTime(line.timestamp) }), line.text));
    while (output.childElementCount > 2000) output.firstElementChild.remove();
    after = slice.lastSequence;
    if (atBottom) output.scrollTop = output.scrollHeight;
  });
}

// ---- Structured logs ------------------------------------------------------------------------
async function showLogs(traceId) {
  const filters = { service: '', severity: '', contains: '', traceId: traceId || '' };
  const expanded = new Set();
  const body = el('tbody');
  const refresh = async () => {
    const logs = (await getJson('/api/logs' + query(filters))) || [];
    const rows = [];
    logs.forEach(log => {
      const key = log.timestamp + '|' + log.service + '|' + log.body;
      rows.push(el('tr', { className: 'clickable', onclick: () => { expanded.has(key) ? expanded.delete(key) : expanded.add(key); refresh(); } },
        el('td', { className: 'mono', text: formatTime(log.timestamp) }),
        el('td', { text: log.service }),
        el('td', { className: 'sev-' + log.severity, text: log.severity }),
        el('td', { text: log.body }),
        el('td', {}, log.traceId ? el('a', { className: 'mono', href: '#trace/' + encodeURIComponent(log.traceId), text: log.traceId.slice(0, 8), onclick: e => e.stopPropagation() }) : '')));
      if (expanded.has(key)) {
        const meta = [{ key: 'category', value: log.category }, { key: 'trace id', value: log.traceId || '' }, { key: 'span id', value: log.spanId || '' }];
        rows.push(el('tr', {}, el('td', { colspan: 5 }, attributesTable(meta.concat(log.attributes)))));
      }
    });
    body.replaceChildren(...rows);
    if (logs.length === 0) body.replaceChildren(el('tr', {}, el('td', { colspan: 5, className: 'empty', text: 'No log records match.' })));
  };
  const severity = el('select', { 'aria-label': 'Minimum severity', onchange: e => { filters.severity = e.target.value; refresh(); } },
    ['', 'Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'].map(s => el('option', { value: s, text: s ? s + ' and above' : 'Any severity' })));
  const contains = el('input', { type: 'search', placeholder: 'Text contains…', 'aria-label': 'Text contains', oninput: e => { filters.contains = e.target.value; refresh(); } });
  const trace = el('input', { type: 'search', placeholder: 'Trace id', 'aria-label': 'Trace id', className: 'mono', oninput: e => { filters.traceId = e.target.value.trim(); refresh(); } });
  trace.value = filters.traceId;
  const services = await serviceSelect('', e => { filters.service = e.target.value; refresh(); });
  view().replaceChildren(el('h2', { text: 'Structured logs' }), el('div', { className: 'filters' }, services, severity, contains, trace),
    el('table', {}, el('thead', {}, el('tr', {}, ['Time', 'Service', 'Severity', 'Message', 'Trace'].map(h => el('th', { text: h })))), body));
  poll(3000, refresh);
}

// ---- Traces ---------------------------------------------------------------------------------
async function showTraces() {
  let service = '';
  const body = el('tbody');
  const refresh = async () => {
    const traces = (await getJson('/api/traces' + query({ service }))) || [];
    body.replaceChildren(...traces.map(t => el('tr', { className: 'clickable', onclick: () => { location.hash = '#trace/' + encodeURIComponent(t.traceId); } },
      el('td', { className: 'mono', text: formatTime(t.start) }),
      el('td', {}, el('a', { href: '#trace/' + encodeURIComponent(t.traceId), className: t.hasError ? 'error' : '', text: t.rootName })),
      el('td', { text: t.services.join(', ') }),
      el('td', { text: t.spanCount }),
      el('td', { text: formatDuration(t.durationMs) }),
      el('td', { className: 'mono muted', text: t.traceId }))));
    if (traces.length === 0) body.replaceChildren(el('tr', {}, el('td', { colspan: 6, className: 'empty', text: 'No traces yet.' })));
  };
  const services = await serviceSelect('', e => { service = e.target.value; refresh(); });
  view().replaceChildren(el('h2', { text: 'Traces' }), el('div', { className: 'filters' }, services),
    el('table', {}, el('thead', {}, el('tr', {}, ['Time', 'Name', 'Services', 'Spans', 'Duration', 'Trace id'].map(h => el('th', { text: h })))), body));
  poll(3000, refresh);
}

async function showTrace(traceId) {
  const trace = await getJson('/api/traces/' + encodeURIComponent(traceId));
  if (!trace) { view().replaceChildren(el('p', { className: 'empty', text: 'Trace ' + traceId + ' is not (or no longer) retained.' })); return; }
  const total = Math.max(trace.durationMs, 0.001);
  const details = el('div', { className: 'details' }, el('p', { className: 'muted', text: 'Select a span to see its attributes.' }));
  const rows = trace.spans.map(span => {
    const bar = el('div', { className: 'bar' + (span.status === 'Error' ? ' error' : ''), title: formatDuration(span.durationMs) });
    bar.style.left = (span.offsetMs / total * 100).toFixed(3) + '%';
    bar.style.width = Math.max(span.durationMs / total * 100, 0.2).toFixed(3) + '%';
    const name = el('div', { className: 'span-name', title: span.name, text: span.name });
    name.style.paddingLeft = (span.depth * 16) + 'px';
    const row = el('div', { className: 'span-row', onclick: () => {
      for (const r of document.querySelectorAll('.span-row.selected')) r.classList.remove('selected');
      row.classList.add('selected');
      details.replaceChildren(
        el('h2', { text: span.name }),
        attributesTable([
          { key: 'service', value: span.service }, { key: 'kind', value: span.kind }, { key: 'scope', value: span.scope },
          { key: 'span id', value: span.spanId }, { key: 'parent span id', value: span.parentSpanId || '(root)' },
          { key: 'start', value: span.start }, { key: 'duration', value: formatDuration(span.durationMs) },
          { key: 'status', value: span.status + (span.statusMessage ? ': ' + span.statusMessage : '') }].concat(span.attributes)),
        span.events.length ? el('h2', { text: 'Events' }) : null,
        span.events.map(e => el('div', {}, el('p', { text: '+' + formatDuration(e.offsetMs) + ' ' + e.name }), attributesTable(e.attributes))));
    } },
      name,
      el('div', { className: 'muted', text: span.service }),
      el('div', { className: 'bar-track' }, bar),
      el('div', { className: 'duration', text: formatDuration(span.durationMs) }));
    return row;
  });
  view().replaceChildren(
    el('h2', {}, el('a', { href: '#traces', text: 'Traces' }), ' / ', trace.spans.length ? trace.spans[0].name : traceId),
    el('p', { className: 'muted' }, 'Trace ', el('span', { className: 'mono', text: trace.traceId }), ' · ' + formatDuration(trace.durationMs) + ' · ' + trace.spans.length + ' spans · ',
      el('a', { href: '#logs/' + encodeURIComponent(trace.traceId), text: 'logs of this trace' })),
    el('div', { className: 'waterfall' }, rows),
    details);
}

// ---- Routing --------------------------------------------------------------------------------
function route() {
  state.generation++;
  setStatus('');
  clearTimeout(state.timer);
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  const argument = rest.length ? decodeURIComponent(rest.join('/')) : '';
  const current = name === 'trace' ? 'traces' : (name || 'resources');
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.dataset.view === current);
  const show = { resources: showResources, console: showConsole, logs: showLogs, traces: showTraces, trace: showTrace }[name || 'resources'] || showResources;
  Promise.resolve(show(argument)).catch(error => setStatus('Error: ' + error.message));
}

window.addEventListener('hashchange', route);
route();
