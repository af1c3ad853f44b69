// handoff dashboard: plain browser JavaScript served by the planner, no build step and no library.
// It signs in once (POST /dashboard/session): the planner answers with an HttpOnly session cookie, and
// the page keeps no password and no token in browser storage (only the user's name and roles, in memory). Every call
// sends that cookie (credentials: 'same-origin') and the header X-Handoff-Session: 1, without which the
// planner refuses a cookie-authenticated change (CSRF). It reads the planner's REST API (GET /plans,
// GET /plans/{id}, POST ...), follows a plan's events (GET /plans/{id}/events) and the monitor's lag and
// drift (GET /dashboard/plans/{id}/monitor), both server-sent events read through fetch, so that they
// carry the same header.
'use strict';

const LAG_WINDOW_MS = 5 * 60 * 1000;
const PLAN_POLL_MS = 2000;
const LIST_POLL_MS = 5000;
const RECONNECT_MS = 2000;
const TERMINAL = new Set(['COMPLETED', 'ROLLED_BACK', 'FAILED', 'ABORTED']);
const ACTIONS = {
  'approve': {
    label: 'Approve', ok: 202,
    path: (id) => `/plans/${enc(id)}/approvals/${enc(gate())}`,
    text: (plan) => `Give the approval "${gate()}" for ${plan.name}? The step waiting for it goes on: ` +
      'the old master becomes read-only and application writes pause for the flip.',
  },
  'pause': {
    label: 'Pause', ok: 202, path: (id) => `/plans/${enc(id)}/pause`,
    text: (plan) => `Pause ${plan.name}? The step in flight finishes; the next one waits until you resume.`,
  },
  'resume': {
    label: 'Resume', ok: 202, path: (id) => `/plans/${enc(id)}/resume`,
    text: (plan) => `Resume ${plan.name}? The next step is sent.`,
  },
  'abort': {
    label: 'Abort', ok: 202, path: (id) => `/plans/${enc(id)}/abort`,
    text: (plan) => `Abort ${plan.name}? Before anything was fenced it simply stops; otherwise the flip is ` +
      'rolled back (old master writable again, new master replicating). Refused once the DNS switch began.',
  },
  'flip-back': {
    label: 'Flip back', ok: 201, path: (id) => `/plans/${enc(id)}/flip-back`,
    text: (plan) => `Flip ${plan.name} back? A new plan runs the same flip from ${plan.target} to ` +
      `${plan.source}, and DNS returns to the values the switch replaced.`,
  },
  'point-of-no-return': {
    label: 'Point of no return', ok: 202, path: (id) => `/plans/${enc(id)}/point-of-no-return`,
    text: (plan) => `Declare the point of no return for ${plan.name}? ${plan.source} stops replicating from ` +
      `${plan.target}: flip back is refused from then on. This cannot be undone.`,
  },
};
const EXAMPLE_PLAN = `# A flip on the local stack of ./demo (source 127.0.0.2, target 127.0.0.3).
name: dashboard-flip
source: source
target: target
flip:
  order: writable-first
  readOnly: global
  kill: kill
  exemptUsers: [auth]
  syncTimeout: 30s
  maxTtlSeconds: 60
gates: { maxLagMs: 500 }    # starts the lag monitor; READ_ONLY waits for lag <= 500 ms
approvals: [flip]           # READ_ONLY also waits for your approval
applications:
  - name: storefront
    records:
      - { zone: internal.example., name: db.storefront.internal.example., type: A, ttl: 1,
          source: 127.0.0.2, target: 127.0.0.3 }
  - name: billing
    records:
      - { zone: internal.example., name: db.billing.internal.example., type: A, ttl: 1,
          source: 127.0.0.2, target: 127.0.0.3 }
`;

const SESSION_HEADERS = { 'X-Handoff-Session': '1' };

const state = {
  user: null,          // who signed in (null: signed out); only for display, the cookie is the credential
  roles: [],
  plans: [],
  planId: null,
  plan: null,
  lag: [],             // LagSample of the selected plan, oldest first
  lagIds: new Set(),
  drift: new Map(),    // finding key -> latest DriftReport
  notes: new Map(),    // stepId -> what the step waits for (from plan events)
  streams: [],         // AbortControllers of the open streams
  planTimer: null,
  listTimer: null,
  planStreamOpen: false,
};

const $ = (selector) => document.querySelector(selector);
const enc = encodeURIComponent;
const gate = () => ($('#approval-gate').value || 'flip').trim();

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleDateString() + ' ' + d.toLocaleTimeString([], { hour12: false });
}

function compact(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function ellipsis(text, max) {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

// ---- HTTP -------------------------------------------------------------------------------------

/** Calls the planner; resolves to {status, ok, body, problem} and never rejects on an HTTP status. */
async function api(method, path, body, contentType) {
  const headers = { 'Accept': 'application/json, application/problem+json', ...SESSION_HEADERS };
  if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
  } catch (e) {
    return { status: 0, ok: false, body: null, problem: { title: 'Planner unreachable', detail: String(e) } };
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
  const type = response.headers.get('Content-Type') || '';
  let problem = null;
  if (!response.ok) {
    problem = parsed && typeof parsed === 'object' && (type.includes('problem+json') || parsed.title)
      ? parsed
      : { title: response.statusText || 'Refused', status: response.status, detail: text || null };
  }
  if (response.status === 401 && state.user) {
    signedOut('Your session ended (the planner answered 401): sign in again.');
  }
  return { status: response.status, ok: response.ok, body: parsed, problem };
}

/**
 * Reads a server-sent event stream with fetch, calling onEvent(name, data) per event, and opens it
 * again after it ends, until abort() of the returned controller.
 */
function stream(path, onEvent, onState) {
  const controller = new AbortController();
  state.streams.push(controller);
  (async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(path, {
          headers: { 'Accept': 'text/event-stream', ...SESSION_HEADERS },
          signal: controller.signal, cache: 'no-store', credentials: 'same-origin',
        });
        if (!response.ok || !response.body) {
          onState && onState(`stream answered ${response.status}`);
        } else {
          onState && onState('live');
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            let end;
            while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
              dispatchBlock(block, onEvent);
            }
          }
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        onState && onState('reconnecting');
      }
      if (controller.signal.aborted) return;
      onState && onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  })();
  return controller;
}

function dispatchBlock(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  let parsed;
  try { parsed = JSON.parse(data.join('\n')); } catch (e) { return; }
  onEvent(name, parsed);
}

function closeStreams() {
  state.streams.forEach((controller) => controller.abort());
  state.streams = [];
  state.planStreamOpen = false;
}

// ---- sign in ------------------------------------------------------------------------------------

/** Opens a session (the planner sets its cookie); resolves to null when signed in, else the reason. */
async function signIn(user, password) {
  const response = await fetch('/dashboard/session', {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json', ...SESSION_HEADERS },
    body: JSON.stringify({ user, password }),
  }).catch((e) => ({ ok: false, status: 0, headers: new Headers(),
    json: async () => ({ title: 'Planner unreachable', detail: String(e) }) }));
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = (body && (body.detail || body.title)) || `refused (${response.status})`;
    const retry = response.status === 429 && response.headers.get('Retry-After');
    return retry ? `${reason} (wait ${retry} s)` : reason;
  }
  start({ user: body.user, roles: body.roles });
  return null;
}

/** Ends the session on the planner (it forgets it and expires the cookie), then shows the sign-in form. */
async function signOut() {
  await fetch('/dashboard/session', { method: 'DELETE', headers: SESSION_HEADERS, credentials: 'same-origin' })
    .catch(() => null);
  signedOut();
}

/** Shows the sign-in form, with why when the planner ended the session. */
function signedOut(message) {
  closeStreams();
  clearInterval(state.planTimer);
  clearInterval(state.listTimer);
  state.user = null;
  state.roles = [];
  $('#app').hidden = true;
  $('#sign-out').hidden = true;
  $('#who').textContent = '';
  $('#login').hidden = false;
  const error = $('#login-error');
  error.hidden = !message;
  error.textContent = message || '';
}

function start(session) {
  state.user = session.user;
  state.roles = session.roles || [];
  $('#login').hidden = true;
  $('#app').hidden = false;
  $('#sign-out').hidden = false;
  $('#who').textContent = `${state.user} (${state.roles.join(', ') || 'no role'})`;
  const operator = state.roles.includes('operator');
  document.querySelectorAll('.operator-only').forEach((button) => {
    button.dataset.role = operator ? 'ok' : 'denied';
    button.title = operator ? '' : 'operators only';
  });
  $('#plan-submit').disabled = !operator;
  refreshPlans();
  state.listTimer = setInterval(refreshPlans, LIST_POLL_MS);
  state.planTimer = setInterval(() => state.planId && refreshPlan(), PLAN_POLL_MS);
  const wanted = new URLSearchParams(location.hash.slice(1)).get('plan');
  if (wanted) selectPlan(wanted);
}

// ---- plan list ----------------------------------------------------------------------------------

async function refreshPlans() {
  const answer = await api('GET', '/plans');
  if (!answer.ok || !Array.isArray(answer.body)) return;
  state.plans = answer.body;
  const body = $('#plans tbody');
  body.replaceChildren(...state.plans.map((plan) => el('tr', {
    'data-plan': plan.id, 'data-status': plan.status,
    class: plan.id === state.planId ? 'selected' : null,
    onclick: () => selectPlan(plan.id),
  },
  el('td', { title: plan.id }, plan.name, el('div', { class: 'hint mono' }, plan.id.slice(0, 8))),
  el('td', {}, el('span', { class: `badge s-${plan.status}` }, plan.status)),
  el('td', { class: 'hint' }, dateTime(plan.submittedAt)))));
  $('#plans-empty').hidden = state.plans.length > 0;
}

// ---- one plan -----------------------------------------------------------------------------------

function selectPlan(id) {
  if (state.planId === id) return;
  closeStreams();
  state.planId = id;
  state.plan = null;
  state.lag = [];
  state.lagIds = new Set();
  state.drift = new Map();
  state.notes = new Map();
  $('#events').replaceChildren();
  $('#answer').hidden = true;
  $('#no-plan').hidden = true;
  $('#plan').hidden = false;
  history.replaceState(null, '', `#plan=${enc(id)}`);
  document.querySelectorAll('#plans tbody tr').forEach((row) => row.classList.toggle('selected', row.dataset.plan === id));
  renderLag();
  renderDrift();
  stream(`/dashboard/plans/${enc(id)}/monitor`, onMonitorEvent, (text) => { $('#monitor-state').textContent = `monitor feed: ${text}`; });
  refreshPlan();
}

async function refreshPlan() {
  const id = state.planId;
  const answer = await api('GET', `/plans/${enc(id)}`);
  if (id !== state.planId) return;
  if (!answer.ok) {
    showAnswer($('#answer'), answer);
    return;
  }
  state.plan = answer.body;
  if (!TERMINAL.has(state.plan.status) && !state.planStreamOpen) {
    state.planStreamOpen = true;
    stream(`/plans/${enc(id)}/events`, (name, event) => onPlanEvent(event));
  }
  renderPlan();
}

let refreshSoon = null;
function onPlanEvent(event) {
  if (event.stepId && event.details && event.details.waitingFor) {
    state.notes.set(event.stepId, String(event.details.waitingFor));
  } else if (event.stepId && (event.kind === 'GATE_PASSED' || event.kind === 'STEP_CONFIRMED')) {
    state.notes.delete(event.stepId);
  }
  const details = event.details && Object.keys(event.details).length
    ? ' ' + ellipsis(Object.entries(event.details).filter(([k]) => k !== 'plan')
      .map(([k, v]) => `${k}=${compact(v)}`).join(' '), 200) : '';
  $('#events').prepend(el('li', { 'data-kind': event.kind },
    el('span', { class: 'hint' }, time(event.occurredAt) + ' '), `${event.kind}`, event.stepId ? ` ${event.stepId}` : '', details));
  clearTimeout(refreshSoon);
  refreshSoon = setTimeout(refreshPlan, 100);
}

function renderPlan() {
  const plan = state.plan;
  $('#plan-title').textContent = plan.name;
  const status = $('#plan-status');
  status.textContent = plan.status;
  status.className = `badge s-${plan.status}`;
  status.dataset.status = plan.status;
  const fields = [
    ['id', plan.id], ['flip', `${plan.source} → ${plan.target}`], ['order', plan.order],
    ['submitted', `${dateTime(plan.submittedAt)} by ${plan.submittedBy || '?'}`],
    ['finished', dateTime(plan.finishedAt)], ['approvals given', (plan.approvals || []).join(', ') || 'none'],
    ['flip back of', plan.flipBackOf], ['flipped back by', plan.flippedBackBy],
    ['point of no return', plan.pointOfNoReturnAt ? dateTime(plan.pointOfNoReturnAt) : null], ['reason', plan.reason],
    ...(plan.fences || []).map((fence, i) => [`fence ${i + 1}`, `${fence.stepIds.length} steps in one command, `
      + `${fence.stepIds[0]} … ${fence.stepIds[fence.stepIds.length - 1]}: `
      + (fence.totalMs == null ? 'not finished' : `${fence.totalMs} ms`)]),
  ].filter(([, value]) => value);
  $('#plan-summary').replaceChildren(...fields.flatMap(([key, value]) => [el('dt', {}, key), el('dd', { class: key === 'id' ? 'mono' : null }, value)]));
  renderActions(plan);
  renderTimeline(plan);
  renderDns(plan);
  scheduleLagRender();
}

function renderActions(plan) {
  const operator = state.roles.includes('operator');
  const waiting = (plan.steps || []).some((step) => step.state === 'WAITING');
  const allowed = {
    'approve': !TERMINAL.has(plan.status),
    'pause': plan.status === 'RUNNING',
    'resume': plan.status === 'PAUSED',
    'abort': plan.status === 'RUNNING' || plan.status === 'PAUSED',
    'flip-back': plan.status === 'COMPLETED' && !plan.flippedBackBy && !plan.pointOfNoReturnAt,
    'point-of-no-return': plan.status === 'COMPLETED' && !plan.pointOfNoReturnAt,
  };
  document.querySelectorAll('#actions button[data-action]').forEach((button) => {
    button.disabled = !operator || !allowed[button.dataset.action];
  });
  $('#actions button[data-action="approve"]').classList.toggle('primary', waiting);
}

function allSteps(plan) {
  const steps = [...(plan.steps || [])];
  if (plan.rollback) steps.push(plan.rollback);
  if (plan.pointOfNoReturn) steps.push(plan.pointOfNoReturn);
  return steps;
}

// A running step's progress report (SEED by the parallel method): rows, share done, rate, time left, chunks, and a bar.
function progressOf(step) {
  const f = step.facts || {};
  if (step.state !== 'RUNNING' || f.chunksTotal === undefined || f.rowsPerSecond === undefined) return null;
  const n = (value) => Number(value || 0).toLocaleString('en-US');
  const text = `${n(f.rows)}${f.estimatedRows ? ` of about ${n(f.estimatedRows)}` : ''} rows` +
    (f.percent !== undefined ? ` (${f.percent} %)` : '') + `, ${n(Math.floor((f.bytes || 0) / 1048576))} MiB, ${n(f.rowsPerSecond)} rows/s` +
    (f.secondsLeft !== undefined ? `, about ${n(f.secondsLeft)} s left` : '') + `, chunks ${f.chunksDone}/${f.chunksTotal}` +
    (f.waitingForMetadataLock && f.waitingForMetadataLock.length ? '; waiting for a metadata lock on the source (DDL on a table'
      + ` the seed has read waits until it ends): ${f.waitingForMetadataLock.join(', ')}` : '');
  return el('div', { class: 'progress' }, text,
    f.percent !== undefined ? el('div', { class: 'bar', style: `width:${Math.max(2, Math.min(100, f.percent))}%` }) : null);
}

function renderTimeline(plan) {
  const steps = allSteps(plan);
  const longest = Math.max(1, ...steps.map((step) => step.durationMs || 0));
  $('#timeline tbody').replaceChildren(...steps.map((step) => {
    const facts = Object.entries(step.facts || {}).map(([key, value]) =>
      el('span', { class: 'fact', title: compact(value) }, el('b', {}, key + '='), ellipsis(compact(value), 80)));
    const note = state.notes.get(step.stepId);
    return el('tr', { 'data-step': step.stepId, 'data-state': step.state },
      el('td', {}, el('div', {}, step.stepId), el('div', { class: 'hint' }, `${step.type} · ${step.executor}` +
        (step.attempt > 1 ? ` · attempt ${step.attempt}` : ''))),
      el('td', {}, el('span', { class: `badge s-${step.state}` }, step.state)),
      el('td', { class: 'hint' }, time(step.scheduledAt)),
      el('td', {}, step.durationMs === null || step.durationMs === undefined ? '' : `${step.durationMs} ms`,
        step.durationMs ? el('div', { class: 'bar', style: `width:${Math.max(2, 100 * step.durationMs / longest)}%` }) : null),
      el('td', { class: 'facts' }, progressOf(step) || facts,
        step.state === 'WAITING' && note && !(step.facts || {}).waitingFor ? el('div', { class: 'note' }, note) : null,
        step.failure ? el('div', { class: 'failure' }, `${step.failure.retryable ? 'retryable' : 'terminal'}: ${step.failure.reason}` +
          (step.failure.recoverableState ? ` (left: ${step.failure.recoverableState})` : '')) : null));
  }));
}

/** Per application: where its records point, from its SWITCH_DNS or FLIP_BACK step. */
function renderDns(plan) {
  const rows = [];
  for (const step of allSteps(plan).filter((s) => s.type === 'SWITCH_DNS' || s.type === 'FLIP_BACK')) {
    const params = step.params || {};
    const facts = step.facts || {};
    const app = params.application || facts.application || step.stepId;
    const done = step.state === 'SUCCEEDED';
    const records = dnsRecords(step);
    for (const record of records) {
      rows.push(el('tr', { 'data-application': app, 'data-state': step.state },
        el('td', {}, app),
        el('td', { class: 'mono' }, record.name),
        el('td', {}, done ? el('b', {}, record.after) : record.before,
          done ? el('div', { class: 'hint' }, `was ${record.before}`) : el('div', { class: 'hint' }, `→ ${record.after} when switched`)),
        el('td', {}, el('span', { class: `badge s-${step.state}` }, step.state), el('div', { class: 'hint' }, step.type)),
        el('td', {}, facts.insyncMs !== undefined ? `${facts.insyncMs} ms` : '')));
    }
  }
  $('#dns tbody').replaceChildren(...rows);
  $('#dns-empty').hidden = rows.length > 0;
}

function dnsRecords(step) {
  const facts = step.facts || {};
  const params = step.params || {};
  if (Array.isArray(facts.records) && facts.records.length) {
    return facts.records.map((r) => ({ name: r.name, before: recordValue(r.before), after: recordValue(r.after) }));
  }
  if (Array.isArray(params.records) && params.records.length) {
    return params.records.map((r) => ({
      name: r.name,
      before: compact(r.previousValue || r.previousValues || '?'),
      after: compact(r.value || r.values || r.aliasTarget || '?'),
    }));
  }
  const switched = (params.switchFacts && params.switchFacts.records) || [];
  return switched.map((r) => ({ name: r.name, before: recordValue(r.after), after: recordValue(r.before) }));
}

function recordValue(value) {
  if (value === null || value === undefined) return '(none)';
  if (typeof value !== 'object') return String(value);
  if (value.values) return value.values.join(', ');
  if (value.value) return String(value.value);
  if (value.dnsName) return `alias ${value.dnsName}`;
  return compact(value);
}

// ---- lag and drift ------------------------------------------------------------------------------

function onMonitorEvent(name, data) {
  if (name === 'lag') {
    if (state.lagIds.has(data.eventId)) return;
    state.lagIds.add(data.eventId);
    state.lag.push(data);
    const since = Date.now() - LAG_WINDOW_MS;
    while (state.lag.length && Date.parse(state.lag[0].sampledAt) < since) {
      state.lagIds.delete(state.lag.shift().eventId);
    }
    scheduleLagRender();
  } else if (name === 'drift') {
    const where = data.keyRange ? `${data.keyRange.low}..${data.keyRange.high}` : compact(data.primaryKey);
    state.drift.set(`${data.table}|${data.kind}|${where}`, data);
    renderDrift();
  }
}

/**
 * When the plan's flip stopped the target's replication from the source (its STOP_REPLICA succeeded and it was not rolled
 * back), the replication that exists now: the source from the target until the point of no return (reverse
 * replication, not monitored), then none. Null while the monitored replication still runs.
 */
function replicationEnded(plan) {
  if (!plan || plan.status === 'ROLLED_BACK') return null;
  const done = (type) => (plan.steps || []).find((step) => step.type === type && step.state === 'SUCCEEDED');
  const stopped = done('STOP_REPLICA');
  if (!stopped) return null;
  const now = done('REVERSE_REPLICATION') && !plan.pointOfNoReturnAt
    ? `${plan.source} replicates from ${plan.target} (reverse replication, the way back, not monitored)`
    : `no replication between ${plan.source} and ${plan.target}`;
  return `replication ended: ${plan.target} stopped replicating from ${plan.source} at ${stopped.stepId}`
    + ` (${time(stopped.finishedAt)}); now ${now}. The chart shows the lag before the flip.`;
}

let lagFrame = null;
function scheduleLagRender() {
  if (lagFrame) return;
  lagFrame = setTimeout(() => { lagFrame = null; renderLag(); }, 200);
}

function renderLag() {
  const svg = $('#lag-chart');
  const samples = state.lag;
  svg.dataset.points = String(samples.length);
  const latest = samples[samples.length - 1];
  const text = $('#lag-latest');
  if (!latest) {
    text.textContent = 'no sample yet (the monitor publishes lag once a plan with a lag gate starts it)';
    text.classList.remove('stale');
    svg.replaceChildren();
    return;
  }
  const ended = replicationEnded(state.plan);
  if (ended) {
    // The samples are about a replication the flip ended: say what replicates now instead of a stale figure.
    text.textContent = ended;
    delete text.dataset.lag;
    text.classList.remove('stale');
  } else {
    const behind = latest.eventsBehind >= 0 ? `, ${latest.eventsBehind} events behind` : '';
    text.textContent = `${latest.stale ? '≥ ' : ''}${latest.lagMillis} ms at ${time(latest.sampledAt)}${behind}` +
      (latest.stale ? ' (stale: no fresh heartbeat)' : '') +
      (latest.replicationProblem ? ` — ${latest.replicationProblem}` : '');
    text.dataset.lag = String(latest.lagMillis);
    text.classList.toggle('stale', !!latest.stale);
  }

  const W = 720, H = 220, left = 48, right = 8, top = 10, bottom = 22;
  const now = Math.max(Date.now(), Date.parse(latest.sampledAt));
  // The window grows with the samples, from 30 s up to five minutes.
  const span = Math.min(LAG_WINDOW_MS, Math.max(30000, now - Date.parse(samples[0].sampledAt)));
  const from = now - span;
  const peak = Math.max(...samples.map((s) => s.lagMillis));
  const max = niceCeiling(Math.max(50, peak * 1.15));
  const x = (t) => left + (W - left - right) * (t - from) / span;
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  const ns = 'http://www.w3.org/2000/svg';
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const parts = [];
  for (let i = 0; i <= 4; i++) {
    const v = max * i / 4;
    parts.push(svgEl('line', { class: 'grid', x1: left, x2: W - right, y1: y(v), y2: y(v) }));
    parts.push(svgEl('text', { class: 'axis', x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, `${Math.round(v)}`));
  }
  const tick = [5000, 10000, 15000, 30000, 60000].find((step) => span / step <= 6) || 60000;
  for (let ago = 0; ago <= span; ago += tick) {
    const label = ago === 0 ? 'now' : ago % 60000 === 0 ? `-${ago / 60000} min` : `-${ago / 1000} s`;
    parts.push(svgEl('line', { class: 'grid', x1: x(now - ago), x2: x(now - ago), y1: top, y2: H - bottom }));
    parts.push(svgEl('text', { class: 'axis', x: x(now - ago), y: H - 6, 'text-anchor': ago === 0 ? 'end' : 'middle' }, label));
  }
  parts.push(svgEl('text', { class: 'axis', x: 4, y: 12 }, 'ms'));
  const points = samples.map((s) => `${x(Date.parse(s.sampledAt)).toFixed(1)},${y(s.lagMillis).toFixed(1)}`).join(' ');
  parts.push(svgEl('polyline', { class: 'line', points }));
  parts.push(svgEl('circle', { class: latest.stale ? 'dot stale' : 'dot', r: 3.5,
    cx: x(Date.parse(latest.sampledAt)), cy: y(latest.lagMillis) }));
  svg.replaceChildren(...parts);
}

function niceCeiling(value) {
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

function renderDrift() {
  const findings = [...state.drift.values()].sort((a, b) => Date.parse(b.detectedAt) - Date.parse(a.detectedAt));
  const open = findings.filter((f) => f.count > 0);
  $('#drift-summary').textContent = findings.length === 0 ? 'No drift reported.'
    : `${open.length} open finding(s), ${open.reduce((sum, f) => sum + f.count, 0)} row(s); ` +
      `${findings.length - open.length} re-checked clean.`;
  $('#drift-summary').dataset.open = String(open.length);
  $('#drift tbody').replaceChildren(...findings.map((f) => el('tr', { 'data-kind': f.kind, class: f.count > 0 ? null : 'hint' },
    el('td', { class: 'mono' }, f.table),
    el('td', {}, f.kind),
    el('td', { class: 'mono' }, f.keyRange ? `${f.keyRange.low} .. ${f.keyRange.high}` : compact(f.primaryKey)),
    el('td', {}, f.count > 0 ? String(f.count) : '0 (clean now)'),
    el('td', { class: 'hint' }, time(f.detectedAt)))));
}

// ---- answers, confirmations, actions ------------------------------------------------------------

/** Shows the server's answer: a success line, or the problem (title, status, detail, field errors). */
function showAnswer(box, answer, successText) {
  box.hidden = false;
  if (answer.ok) {
    box.className = 'answer ok';
    box.dataset.status = String(answer.status);
    box.replaceChildren(el('span', { class: 'title' }, `${answer.status} `), successText || 'done');
    return;
  }
  const problem = answer.problem || {};
  box.className = 'answer problem';
  box.dataset.status = String(answer.status);
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  box.replaceChildren(
    el('div', { class: 'title' }, `${problem.status || answer.status || ''} ${problem.title || 'Refused'}`),
    problem.detail ? el('div', {}, problem.detail) : null,
    errors.length ? el('ul', {}, errors.map((e) => el('li', {}, el('code', {}, e.field || e.path || ''), ': ', e.message || compact(e)))) : null);
}

function confirmDialog(title, text) {
  const dialog = $('#confirm');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
  });
}

async function runAction(name) {
  const action = ACTIONS[name];
  const plan = state.plan;
  if (!plan || !(await confirmDialog(`${action.label}?`, action.text(plan)))) return;
  const answer = await api('POST', action.path(plan.id));
  const box = $('#answer');
  if (answer.ok && answer.body) {
    const created = answer.status === 201 && answer.body.id !== plan.id;
    showAnswer(box, answer, created
      ? `${action.label}: new plan ${answer.body.name} (${answer.body.id}) is ${answer.body.status}`
      : `${action.label}: plan is ${answer.body.status}`);
    await refreshPlans();
    if (created) {
      selectPlan(answer.body.id);
      showAnswer($('#answer'), answer, `${action.label}: this plan was created from ${plan.name}`);
    } else {
      refreshPlan();
    }
  } else {
    showAnswer(box, answer);
  }
}

async function submitPlan(event) {
  event.preventDefault();
  const text = $('#plan-text').value.trim();
  const box = $('#submit-answer');
  if (!text) {
    showAnswer(box, { ok: false, status: 0, problem: { title: 'Nothing to submit', detail: 'Paste a plan first.' } });
    return;
  }
  let json = true;
  try { JSON.parse(text); } catch (e) { json = false; }
  const dryRun = $('#plan-dry-run').checked;
  if (!dryRun && !(await confirmDialog('Submit this plan?', 'The planner validates it and starts it at once: ' +
      'its gates and approvals are the only things that hold it back.'))) return;
  const answer = await api('POST', dryRun ? '/plans?dryRun=true' : '/plans', text, json ? 'application/json' : 'application/yaml');
  if (!answer.ok) {
    showAnswer(box, answer);
    return;
  }
  if (dryRun) {
    const steps = (answer.body && answer.body.steps) || [];
    showAnswer(box, answer, `valid; it would run ${steps.length} steps:\n` +
      steps.map((s) => `  ${s.stepId}  ${s.type}`).join('\n'));
    return;
  }
  showAnswer(box, answer, `plan ${answer.body.name} submitted: ${answer.body.status}`);
  await refreshPlans();
  selectPlan(answer.body.id);
}

// ---- wiring -------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('#login-submit').disabled = true;
    const error = await signIn($('#login-user').value.trim(), $('#login-password').value);
    $('#login-submit').disabled = false;
    $('#login-error').hidden = !error;
    $('#login-error').textContent = error || '';
    if (!error) $('#login-password').value = '';
  });
  $('#sign-out').addEventListener('click', () => signOut());
  $('#refresh-plans').addEventListener('click', refreshPlans);
  $('#plan-example').addEventListener('click', () => { $('#plan-text').value = EXAMPLE_PLAN; });
  $('#plan-form').addEventListener('submit', submitPlan);
  document.querySelectorAll('#actions button[data-action]').forEach((button) =>
    button.addEventListener('click', () => runAction(button.dataset.action)));
  // A session of an earlier page load (its cookie is sent by the browser, unreadable here) signs in again.
  fetch('/dashboard/session', { headers: { 'Accept': 'application/json', ...SESSION_HEADERS }, credentials: 'same-origin',
    cache: 'no-store' })
    .then(async (response) => (response.ok ? response.json() : null))
    .catch(() => null)
    .then((session) => (session && session.user ? start(session) : signedOut()));
});
