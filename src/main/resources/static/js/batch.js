// Analyse a folder: files dropped, picked or a whole folder are sent to POST /api/v1/batches in
// batches; the NDJSON lines are read as they arrive into a progress bar and a live table, and the
// results can be downloaded as CSV (one row per object) or as the NDJSON the service sent.
import { classColour, formatCount, formatFixed } from './charts.js';
import { acceptDrops } from './dropzone.js';

const STREAM_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const IMAGE_NAME = /\.(png|jpe?g|bmp|gif|tiff?|pgm)$/i;
/** Files per request: well under the service's default framepipe.batch.max-frames (1000). */
const FILES_PER_BATCH = 100;
/** Bytes per request: well under the default framepipe.batch.max-body-size (1 GB). */
const BYTES_PER_BATCH = 64 * 1024 * 1024;
const CSV_COLUMNS = ['file', 'id', 'class', 'confidence', 'area', 'equivalent_diameter', 'max_feret', 'min_feret',
  'centroid_x', 'centroid_y'];

const $ = (id) => document.getElementById(id);

let run = null;
let downloads = [];

function status(text, isError = false) {
  const line = $('batch-status');
  line.textContent = text;
  line.classList.toggle('error', isError);
}

function isImage(file) {
  return file.type.startsWith('image/') || IMAGE_NAME.test(file.name);
}

/** Every file under a dropped entry (a file or a folder, recursively). */
async function filesOf(entry, path = '') {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    return [{ file, name: path + file.name }];
  }
  const reader = entry.createReader();
  const out = [];
  for (;;) {
    // readEntries answers at most ~100 entries per call; call until it answers none.
    const entries = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (entries.length === 0) break;
    for (const child of entries) out.push(...await filesOf(child, `${path}${entry.name}/`));
  }
  return out;
}

async function droppedFiles(transfer) {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length > 0 && entries.some((e) => e.isDirectory)) {
    const all = [];
    for (const entry of entries) all.push(...await filesOf(entry));
    return all;
  }
  return [...transfer.files].map((file) => ({ file, name: file.name }));
}

function picked(input) {
  return [...input.files].map((file) => ({ file, name: file.webkitRelativePath || file.name }));
}

/** Splits the files into requests of at most FILES_PER_BATCH files and about BYTES_PER_BATCH bytes. */
function chunks(files) {
  const out = [];
  let current = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length > 0 && (current.length >= FILES_PER_BATCH || bytes + f.file.size > BYTES_PER_BATCH)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.file.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function progress() {
  const { done, total, started } = run;
  const seconds = (performance.now() - started) / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 ? (total - done) / rate : NaN;
  const percent = total > 0 ? Math.floor((done * 100) / total) : 0;
  const bar = $('batch-progress');
  bar.max = total;
  bar.value = done;
  bar.setAttribute('aria-valuetext', `${done} of ${total} frames`);
  const text = $('batch-progress-text');
  text.dataset.done = String(done);
  text.dataset.total = String(total);
  text.dataset.percent = String(percent);
  text.textContent = `${formatCount(done)} / ${formatCount(total)} frames (${percent} %) · `
    + `${formatFixed(rate)} frames/s · ${Number.isFinite(left) ? `${formatFixed(left)} s left` : 'time left unknown'}`;
}

function countsText(counts) {
  return Object.entries(counts ?? {}).filter(([, n]) => n > 0).map(([label, n]) => `${label} ${n}`).join(', ');
}

function addRow(line, name) {
  const tr = document.createElement('tr');
  const report = line.report;
  const outcome = report ? report.outcome : `${line.status} ${line.problem?.title ?? 'problem'}`;
  tr.dataset.file = name;
  tr.dataset.objects = report ? String(report.objectCount) : '';
  tr.dataset.counts = JSON.stringify(report ? report.countsByClass : {});
  tr.dataset.outcome = report ? report.outcome : 'problem';
  const file = document.createElement('td');
  file.textContent = name;
  const objects = document.createElement('td');
  objects.className = 'num';
  objects.textContent = report ? formatCount(report.objectCount) : '–';
  const classes = document.createElement('td');
  for (const [label, n] of Object.entries(report?.countsByClass ?? {})) {
    if (n === 0) continue;
    const chip = document.createElement('span');
    chip.className = 'chip';
    const dot = document.createElement('span');
    dot.className = 'swatch';
    dot.style.background = classColour(label);
    chip.append(dot, `${label} ${n}`);
    classes.append(chip, ' ');
  }
  classes.setAttribute('aria-label', countsText(report?.countsByClass) || 'none');
  const result = document.createElement('td');
  result.textContent = outcome;
  if (!report) {
    result.className = 'error';
    result.title = line.problem?.detail ?? '';
  }
  tr.append(file, objects, classes, result);
  $('batch-rows').append(tr);
}

function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function objectRows(name, report) {
  return report.objects.map((o) => [name, o.id, o.label, o.confidence, o.area, o.size?.equivalentDiameter,
    o.size?.maxFeret, o.size?.minFeret, o.centroid.x, o.centroid.y].map(csvField).join(','));
}

/** Points the two download links at the results so far. */
function publishDownloads() {
  for (const url of downloads) URL.revokeObjectURL(url);
  const csv = [CSV_COLUMNS.join(','), ...run.csvRows].join('\r\n') + '\r\n';
  const csvUrl = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const ndjsonUrl = URL.createObjectURL(new Blob([run.ndjson.join('\n') + '\n'], { type: 'application/x-ndjson' }));
  downloads = [csvUrl, ndjsonUrl];
  for (const [id, url] of [['batch-csv', csvUrl], ['batch-ndjson', ndjsonUrl]]) {
    const link = $(id);
    link.href = url;
    link.removeAttribute('aria-disabled');
    link.classList.remove('disabled');
  }
}

/** Sends one request and reads its NDJSON answer line by line as it arrives. */
async function sendBatch(stream, files) {
  const body = new FormData();
  for (const f of files) body.append('frame', f.file, f.name);
  const answer = await fetch(`api/v1/batches?stream=${encodeURIComponent(stream)}`, {
    method: 'POST', body, signal: run.abort.signal, headers: { Accept: 'application/x-ndjson' },
  });
  if (!answer.ok) {
    let detail = `the service answered ${answer.status}`;
    try {
      const problem = await answer.json();
      detail = `${answer.status} ${problem.title ?? ''}: ${problem.detail ?? ''}`;
    } catch { /* not a problem document */ }
    throw new Error(detail);
  }
  const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (text.trim()) handleLine(text, files);
    }
  }
}

function handleLine(text, files) {
  const line = JSON.parse(text);
  run.ndjson.push(text);
  if (line.summary || line.index === undefined) {
    if (line.problem) status(`Batch problem: ${line.problem.detail}`, true);
    return;
  }
  const name = files[line.index]?.name ?? line.filename;
  if (line.report) run.csvRows.push(...objectRows(name, line.report));
  else run.problems++;
  run.done++;
  addRow(line, name);
  progress();
}

async function analyse(all) {
  if (run) return;
  const stream = $('batch-stream').value.trim() || 'folder';
  if (!STREAM_PATTERN.test(stream)) {
    status('The stream name may only have letters, digits, ".", "_" and "-" (at most 64).', true);
    return;
  }
  const files = all.filter((f) => isImage(f.file));
  const skipped = all.length - files.length;
  if (files.length === 0) {
    status(all.length ? 'None of these files is an image FramePipe reads.' : 'No files.', true);
    return;
  }
  run = {
    total: files.length, done: 0, problems: 0, started: performance.now(), abort: new AbortController(),
    csvRows: [], ndjson: [],
  };
  $('batch-rows').replaceChildren();
  $('batch-stop').disabled = false;
  $('batch-result').hidden = false;
  status(`Analysing ${formatCount(files.length)} frames${skipped ? ` (${skipped} other files skipped)` : ''}…`);
  progress();
  try {
    for (const chunk of chunks(files)) {
      await sendBatch(stream, chunk);
      if (run.abort.signal.aborted) break;
    }
    status(`Done: ${formatCount(run.done)} frames, ${run.problems} not analysed`
      + `${skipped ? `, ${skipped} other files skipped` : ''}.`, run.problems > 0);
    $('batch-progress-text').dataset.state = 'done';
  } catch (e) {
    if (run.abort.signal.aborted) {
      status(`Stopped after ${formatCount(run.done)} of ${formatCount(run.total)} frames.`);
      $('batch-progress-text').dataset.state = 'stopped';
    } else {
      status(`Batch failed after ${formatCount(run.done)} frames: ${e.message}`, true);
      $('batch-progress-text').dataset.state = 'failed';
    }
  } finally {
    progress();
    publishDownloads();
    $('batch-stop').disabled = true;
    run = null;
  }
}

export function initBatch() {
  const zone = $('batch-drop-zone');
  for (const id of ['batch-files', 'batch-folder']) {
    const input = $(id);
    input.addEventListener('change', () => {
      const files = picked(input);
      input.value = '';
      if (files.length > 0) analyse(files);
    });
  }
  acceptDrops(zone, async (event) => analyse(await droppedFiles(event.dataTransfer)));
  $('batch-stop').addEventListener('click', () => run?.abort.abort());
  $('batch-form').addEventListener('submit', (event) => event.preventDefault());
}
