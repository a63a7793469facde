// FramePipe dashboard: polls the service's own statistics and readiness, keeps an FPS history
// per stream in the browser, and renders it. Only relative URLs, so it works behind any prefix.
import {
  classColour, drawLineChart, formatCount, formatFixed, formatShort, renderBars, renderBoxPlot, streamColour,
} from './charts.js';
import { initBatch } from './batch.js';
import { initUpload } from './upload.js';

const POLL_MS = 1500;
const KEEP_MS = 15 * 60 * 1000;
const STAGE_ORDER = ['decode', 'detect', 'size', 'classify', 'aggregate', 'total'];
const CLASS_ORDER = ['round', 'elongated', 'rectangular', 'irregular'];

const $ = (id) => document.getElementById(id);

/** FPS history: stream name ('*' for all) to [{t, v}], oldest first. */
const history = new Map();
let snapshot = null;
let polls = 0;

function setNumber(id, value, text) {
  const element = $(id);
  element.textContent = text;
  element.dataset.value = String(value);
}

function record(stream, t, fps) {
  if (!history.has(stream)) history.set(stream, []);
  const points = history.get(stream);
  points.push({ t, v: fps });
  while (points.length > 0 && points[0].t < t - KEEP_MS) points.shift();
}

function selectedStats() {
  const view = $('view-stream').value;
  if (view === '*' || !snapshot.streams[view]) return snapshot.overall;
  return snapshot.streams[view];
}

function renderFps() {
  const windowMs = Number($('history-minutes').value) * 60000;
  const series = [];
  for (const [stream, points] of history) {
    series.push({
      name: stream,
      colour: streamColour(stream),
      points,
      width: stream === '*' ? 2.5 : 2,
      dash: stream === '*' ? [6, 4] : [],
    });
  }
  const canvas = $('fps-chart');
  drawLineChart(canvas, series, windowMs, Date.now());
  if (!snapshot) return;
  const parts = [`all streams ${formatFixed(snapshot.overall.fps.current)}`]
    .concat(Object.values(snapshot.streams).map((s) => `${s.stream} ${formatFixed(s.fps.current)}`));
  canvas.setAttribute('aria-label', `FPS over the last ${windowMs / 60000} minutes; now: ${parts.join(', ')}`);
}

function fpsRow(label, stats, key) {
  const tr = document.createElement('tr');
  tr.dataset.stream = key;
  const name = document.createElement('td');
  const dot = document.createElement('span');
  dot.className = 'stream-dot';
  dot.style.background = streamColour(key);
  if (key === '*') dot.style.background = 'transparent';
  if (key === '*') dot.style.border = `2px dashed ${streamColour(key)}`;
  name.append(dot, label);
  const cells = [
    [stats.fps.current, formatFixed(stats.fps.current), 'stream-fps'],
    [stats.fps.sinceStart, formatFixed(stats.fps.sinceStart, 2), 'stream-fps-since-start'],
    [stats.frames.total, formatCount(stats.frames.total), 'stream-frames'],
  ].map(([value, text, testid]) => {
    const td = document.createElement('td');
    td.className = 'num';
    td.textContent = text;
    td.dataset.value = String(value);
    td.dataset.testid = testid;
    return td;
  });
  tr.append(name, ...cells);
  return tr;
}

function renderStreams() {
  const rows = [fpsRow('All streams', snapshot.overall, '*')];
  for (const [name, stats] of Object.entries(snapshot.streams)) rows.push(fpsRow(name, stats, name));
  $('fps-rows').replaceChildren(...rows);

  const select = $('view-stream');
  const wanted = ['*', ...Object.keys(snapshot.streams)];
  const have = [...select.options].map((o) => o.value);
  if (wanted.join('\n') !== have.join('\n')) {
    const current = select.value;
    select.replaceChildren(...wanted.map((name) => new Option(name === '*' ? 'All streams' : name, name)));
    select.value = wanted.includes(current) ? current : '*';
  }
  const names = $('stream-names');
  if (names.options.length !== wanted.length - 1) {
    names.replaceChildren(...wanted.slice(1).map((name) => new Option(name, name)));
  }
}

function renderSelected() {
  const stats = selectedStats();
  const frames = stats.frames;
  setNumber('frames-total', frames.total, formatCount(frames.total));
  const outcomes = ['ok', 'partial', 'rejected', 'failed'];
  for (const outcome of outcomes) setNumber(`frames-${outcome}`, frames[outcome], formatCount(frames[outcome]));
  const bar = $('outcome-bar');
  bar.replaceChildren(...outcomes.filter((o) => frames[o] > 0).map((o) => {
    const span = document.createElement('span');
    span.className = `outcome-${o}`;
    span.style.width = `${(100 * frames[o]) / frames.total}%`;
    return span;
  }));
  bar.setAttribute('aria-label', frames.total === 0 ? 'No frames yet'
    : outcomes.map((o) => `${o} ${frames[o]}`).join(', '));
  setNumber('fps-current', stats.fps.current, formatFixed(stats.fps.current));
  setNumber('fps-since-start', stats.fps.sinceStart, formatFixed(stats.fps.sinceStart, 2));
  $('view-since').textContent = `counting since ${new Date(stats.since).toLocaleString()}`;

  setNumber('objects-total', stats.objects, formatCount(stats.objects));
  setNumber('objects-per-frame', stats.objectsPerFrame.mean, formatShort(stats.objectsPerFrame.mean));
  const classes = Object.entries(stats.objectsByClass)
    .sort(([a], [b]) => rank(CLASS_ORDER, a) - rank(CLASS_ORDER, b) || a.localeCompare(b))
    .map(([label, count]) => ({
      name: label, value: count, text: formatCount(count), colour: classColour(label), testid: `class-count-${label}`,
    }));
  renderBars($('class-chart'), classes, 'No objects yet');

  const d = stats.equivalentDiameter;
  renderBoxPlot($('size-chart'), d, 'Equivalent diameter in pixels');
  const cells = d.count === 0 ? ['–', '–', '–', '–', '–', '–']
    : [d.min, d.p50, d.p90, d.p99, d.max].map(formatShort).concat(`${formatShort(d.mean)} ± ${formatShort(d.std)}`);
  $('size-row').replaceChildren(...cells.map((text) => {
    const td = document.createElement('td');
    td.textContent = text;
    return td;
  }));

  const stages = Object.entries(stats.stageLatencyMicros)
    .sort(([a], [b]) => rank(STAGE_ORDER, a) - rank(STAGE_ORDER, b) || a.localeCompare(b))
    .map(([stage, s]) => ({
      name: stage,
      value: s.p50 / 1000,
      secondary: s.p99 / 1000,
      text: `${formatShort(s.p50 / 1000)} / ${formatShort(s.p99 / 1000)}`,
      testid: `latency-${stage}`,
    }));
  renderBars($('latency-chart'), stages, 'No frames analysed yet');
}

function rank(order, name) {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

function renderReadiness(health, error) {
  const badge = $('readiness');
  const status = error ? 'UNREACHABLE' : health.status ?? 'UNKNOWN';
  badge.textContent = `Readiness: ${status}`;
  badge.dataset.status = status;
  badge.className = `badge ${status === 'UP' ? 'badge-up' : status === 'UNKNOWN' ? 'badge-unknown' : 'badge-down'}`;
  const rows = [['Status', status, status === 'UP' ? 'up' : 'down']];
  const pipeline = health?.components?.pipeline;
  if (pipeline) {
    const d = pipeline.details ?? {};
    rows.push(['Pipeline', pipeline.status, pipeline.status === 'UP' ? 'up' : 'down']);
    if (d.stages) {
      rows.push(['Stages', Object.entries(d.stages).map(([s, ok]) => `${s} ${ok ? '✓' : '✗'}`).join('  ')]);
    }
    if (d.mode) rows.push(['Mode', d.mode]);
    if (d.inFlight !== undefined) rows.push(['In flight', `${d.inFlight} / ${d.maxInFlight}`]);
    if (d.executorQueued !== undefined) {
      rows.push(['Executor', `${d.executorActive} active, ${d.executorQueued} / ${d.executorQueueCapacity} queued`]);
    }
    if (d.accepting !== undefined) rows.push(['Accepting frames', d.accepting ? 'yes' : 'no', d.accepting ? 'up' : 'down']);
  }
  if (health?.components?.readinessState) rows.push(['Readiness state', health.components.readinessState.status]);
  if (error) rows.push(['Error', error]);
  $('ready-details').replaceChildren(...rows.map(([k, v, cls]) => {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    if (cls) dd.className = cls;
    div.append(dt, dd);
    return div;
  }));
}

async function pollStats() {
  const response = await fetch('api/v1/stats', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`statistics answered ${response.status}`);
  const body = await response.json();
  const t = Date.now();
  snapshot = body;
  record('*', t, body.overall.fps.current);
  for (const [name, stats] of Object.entries(body.streams)) record(name, t, stats.fps.current);
  renderStreams();
  renderSelected();
  renderFps();
  polls += 1;
  document.body.dataset.polls = String(polls);
  const connection = $('connection');
  connection.textContent = `Updated ${new Date(t).toLocaleTimeString()}`;
  connection.classList.remove('error');
}

async function pollReadiness() {
  try {
    // The readiness group, served on the API port too (the actuator has a port of its own);
    // 503 carries the same JSON body when the service is not ready.
    const response = await fetch('api/v1/readiness', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    renderReadiness(await response.json(), null);
  } catch (e) {
    renderReadiness(null, e.message);
  }
}

async function loop() {
  try {
    await Promise.all([pollStats(), pollReadiness()]);
  } catch (e) {
    const connection = $('connection');
    connection.textContent = `Cannot read statistics: ${e.message}`;
    connection.classList.add('error');
  }
  setTimeout(loop, POLL_MS);
}

$('poll-seconds').textContent = String(POLL_MS / 1000);
$('history-minutes').addEventListener('change', renderFps);
$('view-stream').addEventListener('change', () => snapshot && renderSelected());
window.addEventListener('resize', renderFps);
initUpload();
initBatch();
loop();
