// Small chart helpers: a canvas line chart for FPS history, HTML bar rows and an SVG box plot.
// No dependencies; every colour comes from the page's CSS custom properties.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Colour-blind-safe stream colours (Paul Tol's "bright" scheme). */
const STREAM_PALETTE = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#bbbbbb'];
const streamColours = new Map();

export function streamColour(stream) {
  if (stream === '*') {
    return cssVar('--text');
  }
  if (!streamColours.has(stream)) {
    streamColours.set(stream, STREAM_PALETTE[streamColours.size % STREAM_PALETTE.length]);
  }
  return streamColours.get(stream);
}

const CLASS_VARS = {
  round: '--class-round',
  elongated: '--class-elongated',
  rectangular: '--class-rectangular',
  irregular: '--class-irregular',
};

export function classColour(label) {
  return cssVar(CLASS_VARS[label] ?? '--class-other');
}

export function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export function formatCount(n) {
  return integer.format(n);
}

export function formatFixed(n, digits = 1) {
  return Number(n).toFixed(digits);
}

/** A value with about three significant digits, for sizes and latencies. */
export function formatShort(n) {
  const a = Math.abs(n);
  if (a === 0) return '0';
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** The smallest 1, 2 or 5 times a power of ten that is at least {@code value}. */
export function niceCeil(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * Draws FPS lines on a canvas.
 * @param canvas   the canvas; its CSS size is used, scaled for the device pixel ratio
 * @param series   [{name, colour, points: [{t, v}], width?, dash?}]
 * @param windowMs the time span to show, ending at {@code now}
 * @param now      the right edge, ms since the epoch
 */
export function drawLineChart(canvas, series, windowMs, now) {
  const ratio = window.devicePixelRatio || 1;
  const cssWidth = canvas.clientWidth;
  const cssHeight = canvas.clientHeight;
  if (cssWidth === 0 || cssHeight === 0) return;
  if (canvas.width !== Math.round(cssWidth * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
    canvas.width = Math.round(cssWidth * ratio);
    canvas.height = Math.round(cssHeight * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, cssWidth, cssHeight);

  const start = now - windowMs;
  let maxValue = 0;
  for (const s of series) {
    for (const p of s.points) {
      if (p.t >= start) maxValue = Math.max(maxValue, p.v);
    }
  }
  const top = niceCeil(maxValue * 1.1 || 1);
  const left = 38;
  const right = 10;
  const upper = 10;
  const bottom = 22;
  const plotW = cssWidth - left - right;
  const plotH = cssHeight - upper - bottom;
  const x = (t) => left + ((t - start) / windowMs) * plotW;
  const y = (v) => upper + plotH - (v / top) * plotH;

  g.font = '11px system-ui, sans-serif';
  g.lineWidth = 1;
  g.strokeStyle = cssVar('--grid');
  g.fillStyle = cssVar('--muted');
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    const yy = Math.round(y(v)) + 0.5;
    g.beginPath();
    g.moveTo(left, yy);
    g.lineTo(left + plotW, yy);
    g.stroke();
    g.fillText(formatShort(v), left - 6, yy);
  }
  g.textAlign = 'center';
  g.textBaseline = 'top';
  const minutes = windowMs / 60000;
  const tickMs = minutes <= 1 ? 15000 : minutes <= 5 ? 60000 : 180000;
  for (let back = 0; back <= windowMs + 1; back += tickMs) {
    const xx = Math.round(x(now - back)) + 0.5;
    g.beginPath();
    g.moveTo(xx, upper);
    g.lineTo(xx, upper + plotH);
    g.stroke();
    const label = back === 0 ? 'now' : tickMs < 60000 ? `−${back / 1000}s` : `−${back / 60000}m`;
    g.textAlign = back === 0 ? 'right' : back >= windowMs ? 'left' : 'center';
    g.fillText(label, back === 0 ? left + plotW : xx, upper + plotH + 6);
  }

  g.save();
  g.beginPath();
  g.rect(left, upper - 2, plotW, plotH + 4);
  g.clip();
  g.lineJoin = 'round';
  for (const s of series) {
    const points = s.points.filter((p) => p.t >= start - 5000);
    if (points.length === 0) continue;
    g.strokeStyle = s.colour;
    g.lineWidth = s.width ?? 2;
    g.setLineDash(s.dash ?? []);
    g.beginPath();
    points.forEach((p, i) => (i === 0 ? g.moveTo(x(p.t), y(p.v)) : g.lineTo(x(p.t), y(p.v))));
    g.stroke();
    if (points.length === 1) {
      g.fillStyle = s.colour;
      g.beginPath();
      g.arc(x(points[0].t), y(points[0].v), 2.5, 0, 2 * Math.PI);
      g.fill();
    }
  }
  g.restore();
}

/**
 * Renders labelled horizontal bars into a container.
 * @param rows [{name, value, text, colour?, secondary?, testid?}] where {@code secondary} is a larger
 *             value drawn as a lighter bar behind (p99 behind p50)
 */
export function renderBars(container, rows, emptyText) {
  container.replaceChildren();
  if (rows.length === 0) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = emptyText;
    container.append(p);
    return;
  }
  const max = Math.max(...rows.map((r) => Math.max(r.value, r.secondary ?? 0)), 0) || 1;
  for (const r of rows) {
    const row = document.createElement('div');
    row.className = 'bar-row';
    const name = document.createElement('span');
    name.className = 'name';
    if (r.colour) {
      const dot = document.createElement('span');
      dot.className = 'swatch';
      dot.style.background = r.colour;
      name.append(dot);
    }
    name.append(r.name);
    const track = document.createElement('span');
    track.className = 'bar-track';
    track.setAttribute('aria-hidden', 'true');
    if (r.secondary !== undefined) {
      const back = document.createElement('span');
      back.className = 'bar-fill p99';
      back.style.width = `${(100 * r.secondary) / max}%`;
      track.append(back);
    }
    const fill = document.createElement('span');
    fill.className = r.secondary !== undefined ? 'bar-fill p50' : 'bar-fill';
    fill.style.width = `${(100 * r.value) / max}%`;
    if (r.colour) fill.style.background = r.colour;
    track.append(fill);
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = r.text;
    if (r.testid) {
      value.dataset.testid = r.testid;
      value.dataset.value = String(r.value);
    }
    row.append(name, track, value);
    container.append(row);
  }
}

function svg(tag, attributes) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  return element;
}

/** An SVG box plot of a Summary: whiskers min to max, box p50 to p90, a tick at p99, a dot at the mean. */
export function renderBoxPlot(container, summary, unit) {
  container.replaceChildren();
  const width = 320;
  const height = 74;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  if (!summary || summary.count === 0) {
    root.setAttribute('aria-label', 'No objects measured yet');
    const t = svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' });
    t.textContent = 'No objects measured yet';
    root.append(t);
    container.append(root);
    return;
  }
  const pad = 14;
  const top = niceCeil(summary.max);
  const x = (v) => pad + (v / top) * (width - 2 * pad);
  const mid = 26;
  const stroke = cssVar('--text');
  const fill = cssVar('--p99');
  root.setAttribute('aria-label', `${unit}: min ${formatShort(summary.min)}, median ${formatShort(summary.p50)}, `
    + `p90 ${formatShort(summary.p90)}, p99 ${formatShort(summary.p99)}, max ${formatShort(summary.max)}`);
  root.append(svg('line', { x1: x(summary.min), x2: x(summary.max), y1: mid, y2: mid, stroke, 'stroke-width': 1.5 }));
  for (const v of [summary.min, summary.max]) {
    root.append(svg('line', { x1: x(v), x2: x(v), y1: mid - 8, y2: mid + 8, stroke, 'stroke-width': 1.5 }));
  }
  root.append(svg('rect', {
    x: x(summary.p50), y: mid - 12, width: Math.max(1.5, x(summary.p90) - x(summary.p50)), height: 24,
    fill, stroke, 'stroke-width': 1.5, rx: 2,
  }));
  root.append(svg('line', { x1: x(summary.p50), x2: x(summary.p50), y1: mid - 12, y2: mid + 12, stroke, 'stroke-width': 3 }));
  root.append(svg('line', {
    x1: x(summary.p99), x2: x(summary.p99), y1: mid - 14, y2: mid + 14, stroke: cssVar('--failed'), 'stroke-width': 2,
  }));
  root.append(svg('circle', { cx: x(summary.mean), cy: mid, r: 3, fill: cssVar('--accent') }));
  const axis = mid + 22;
  root.append(svg('line', { x1: pad, x2: width - pad, y1: axis, y2: axis, stroke: cssVar('--line') }));
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    root.append(svg('line', { x1: x(v), x2: x(v), y1: axis, y2: axis + 4, stroke: cssVar('--line') }));
    const t = svg('text', { x: x(v), y: axis + 16, 'text-anchor': 'middle' });
    t.textContent = formatShort(v);
    root.append(t);
  }
  container.append(root);
}
