// Upload a frame from the file picker or the drop zone (one handler for both), then show the
// service's annotated PNG beside its JSON report.
import { classColour, formatCount, formatShort } from './charts.js';
import { acceptDrops } from './dropzone.js';

const STREAM_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const $ = (id) => document.getElementById(id);
let objectUrl = null;

// The detector options chosen on the form; blank ones are not sent, so the stream's defaults apply.
function detectorQuery() {
  return [...document.querySelectorAll('[data-option]')]
    .filter((field) => field.value.trim() !== '')
    .map((field) => `&${field.dataset.option}=${encodeURIComponent(field.value.trim())}`)
    .join('');
}

function framesUrl(stream) {
  return `api/v1/frames?stream=${encodeURIComponent(stream)}${detectorQuery()}`;
}

function form(file) {
  const data = new FormData();
  data.append('frame', file, file.name || 'frame');
  return data;
}

async function problemText(response) {
  try {
    const problem = await response.json();
    return `${response.status} ${problem.title ?? ''}: ${problem.detail ?? ''}`.trim();
  } catch {
    return `the service answered ${response.status}`;
  }
}

function status(text, isError = false) {
  const line = $('upload-status');
  line.textContent = text;
  line.classList.toggle('error', isError);
}

function summary(report) {
  const box = $('report-summary');
  box.replaceChildren();
  const p = document.createElement('p');
  const total = report.timingsMicros?.total;
  const strong = document.createElement('strong');
  strong.textContent = `${formatCount(report.objectCount)} objects`;
  strong.dataset.testid = 'report-object-count';
  strong.dataset.value = String(report.objectCount);
  p.append(strong, ` in a ${report.width}×${report.height} frame, outcome ${report.outcome}`
    + (total !== undefined ? `, ${formatShort(total / 1000)} ms` : '')
    + (report.truncated ? ' (list cut at the detector’s maximum)' : '') + '.');
  const chips = document.createElement('ul');
  chips.className = 'chips';
  chips.setAttribute('aria-label', 'Objects per class');
  for (const [label, count] of Object.entries(report.countsByClass ?? {})) {
    if (count === 0) continue;
    const li = document.createElement('li');
    li.className = 'chip';
    const dot = document.createElement('span');
    dot.className = 'swatch';
    dot.style.background = classColour(label);
    li.append(dot, `${label} ${count}`);
    chips.append(li);
  }
  box.append(p, chips);
  if (report.failures?.length) {
    const f = document.createElement('p');
    f.className = 'status-line error';
    f.textContent = `Failed stages: ${report.failures.map((x) => x.stage ?? JSON.stringify(x)).join(', ')}`;
    box.append(f);
  }
}

async function upload(file) {
  const stream = $('upload-stream').value.trim() || 'dashboard';
  if (!STREAM_PATTERN.test(stream)) {
    status('The stream name may only have letters, digits, ".", "_" and "-" (at most 64).', true);
    $('upload-stream').focus();
    return;
  }
  status(`Analysing ${file.name || 'the frame'}…`);
  try {
    // One request, one counted frame: the report and the annotated PNG come back as two parts.
    const answer = await fetch(framesUrl(stream), { method: 'POST', body: form(file), headers: { Accept: 'multipart/form-data' } });
    if (!answer.ok) {
      status(`Not analysed: ${await problemText(answer)}`, true);
      return;
    }
    const parts = await answer.formData();
    const reportPart = parts.get('report');
    const report = JSON.parse(typeof reportPart === 'string' ? reportPart : await reportPart.text());
    const blob = parts.get('annotated');
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = URL.createObjectURL(blob);
    const image = $('annotated-image');
    image.onload = () => {
      // Small frames are shown enlarged with crisp pixels; large ones are scaled down smoothly.
      const enlarge = image.naturalWidth < 400 ? 2 : 1;
      image.style.width = `${image.naturalWidth * enlarge}px`;
      image.classList.toggle('smooth', enlarge === 1);
    };
    image.src = objectUrl;
    image.alt = `${file.name || 'Frame'} annotated: ${report.objectCount} objects, boxes coloured by class`;
    $('annotated-caption').textContent = `${file.name || 'frame'} · stream ${report.stream} · frame ${report.frameId}`;
    summary(report);
    $('report-json').textContent = JSON.stringify(report, null, 2);
    $('upload-result').hidden = false;
    status(`Analysed ${file.name || 'the frame'}: ${report.objectCount} objects.`);
  } catch (e) {
    status(`Upload failed: ${e.message}`, true);
  }
}

export function initUpload() {
  const input = $('frame-file');
  const zone = $('drop-zone');
  input.addEventListener('change', () => {
    if (input.files.length > 0) upload(input.files[0]);
    input.value = '';
  });
  acceptDrops(zone, (event) => {
    const file = event.dataTransfer.files[0];
    if (file) upload(file);
  });
  $('upload-form').addEventListener('submit', (event) => event.preventDefault());
}
