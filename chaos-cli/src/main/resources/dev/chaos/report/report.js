// chaos report: renders the JSON in #chaos-data. Every string from the history is set with
// textContent (never parsed as markup); attributes get only numbers and the script's own names.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chaos-data').textContent);
  var app = document.getElementById('app');
  var SVGNS = 'http://www.w3.org/2000/svg';
  var TYPES = ['ok', 'fail', 'info', 'open'];
  var TYPE_WORDS = ['ok', 'fail', 'info', 'unfinished'];
  var meta = data.meta;
  var timed = meta.axis === 'ms';
  var view = { x0: 0, x1: Math.max(meta.axisMax, 1) };
  var redraws = [];

  // ---- small DOM helpers -------------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function sv(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function tip(node, text) { node.appendChild(sv('title', null, text)); return node; }
  function add(parent) { for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]); return parent; }
  function section(id, title) {
    var s = el('section'); s.id = id;
    s.appendChild(el('h2', null, title));
    app.appendChild(s);
    return s;
  }
  function fmt(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
    return String(v);
  }
  function fmtX(x) {
    if (!timed) return String(Math.round(x));
    var span = view.x1 - view.x0;
    if (span >= 20000) return (Math.round(x / 100) / 10) + ' s';
    return (Math.round(x * 10) / 10) + ' ms';
  }
  function fmtMs(ms) {
    if (ms >= 1000) return (Math.round(ms / 10) / 100) + ' s';
    if (ms >= 1) return (Math.round(ms * 100) / 100) + ' ms';
    return Math.round(ms * 1000) + ' µs';
  }
  function table(headers, rows, numeric) {
    var t = el('table');
    var tr = el('tr');
    headers.forEach(function (h, i) { tr.appendChild(el('th', numeric && numeric[i] ? 'num' : null, h)); });
    add(t, add(el('thead'), tr));
    var body = el('tbody');
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c, i) {
        var td = el('td', numeric && numeric[i] ? 'num' : null);
        if (c instanceof Node) td.appendChild(c); else td.textContent = fmt(c);
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    t.appendChild(body);
    return t;
  }
  function checker(name) {
    for (var i = 0; i < data.checkers.length; i++) if (data.checkers[i].name === name) return data.checkers[i];
    return null;
  }
  function niceTicks(lo, hi, count) {
    var span = hi - lo;
    if (!(span > 0)) return [lo];
    var step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = span / count / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var ticks = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(t);
    return ticks;
  }

  // ---- a chart frame shared by the timeline and the time series ------------------------------
  var ML = 118, MR = 14;
  function chartWidth() { return Math.max(700, Math.min(app.clientWidth - 34, 1360)); }
  function xScale(w) {
    var span = Math.max(view.x1 - view.x0, 1e-9);
    return function (x) { return ML + (x - view.x0) / span * (w - ML - MR); };
  }
  function xInverse(w, px) { return view.x0 + (px - ML) / (w - ML - MR) * (view.x1 - view.x0); }

  // Shades the fault bands behind what comes next; returns their labels and the nemesis event
  // markers, for the caller to append on top of its data.
  function drawBands(svg, sx, top, bottom) {
    var g = sv('g', { 'class': 'bands' });
    var over = sv('g', { 'class': 'band-labels' });
    var lines = []; // per label line, the x where its last label ends: overlapping faults' labels stack
    data.faults.bands.forEach(function (b) {
      if (b.stop < view.x0 || b.start > view.x1) return;
      var x0 = Math.max(sx(b.start), ML), x1 = Math.min(sx(b.stop), sx(view.x1));
      var r = sv('rect', { 'class': 'band', x: x0, y: top, width: Math.max(1, x1 - x0), height: bottom - top });
      tip(r, b.kind + (b.open ? ' (never stopped)' : '') + (b.nodes ? ': ' + b.nodes : '') + (b.value ? '\n' + b.value : ''));
      g.appendChild(r);
      var room = Math.floor((x1 - x0 - 6) / 6); // characters that fit in the band; the tooltip has the rest
      if (room >= 4) {
        var label = b.kind + (b.nodes ? ': ' + b.nodes : '');
        if (label.length > room) label = label.slice(0, room - 1) + '…';
        var line = 0;
        while (line < lines.length && lines[line] > x0) line++;
        lines[line] = x0 + 3 + label.length * 6 + 6;
        over.appendChild(sv('text', { 'class': 'band-label', x: x0 + 3, y: top + 11 + 12 * line }, label));
      }
    });
    data.faults.events.forEach(function (e) {
      if (e.at < view.x0 || e.at > view.x1) return;
      var x = sx(e.at);
      var m = sv('path', { 'class': 'nemesis-event', d: 'M' + (x - 4) + ' ' + (top - 8) + 'h8l-4 7z' });
      tip(m, 'nemesis ' + e.f + (e.value ? ' ' + e.value : '') + ' @ ' + fmtX(e.at));
      over.appendChild(m);
    });
    svg.appendChild(g);
    return over;
  }
  function drawXAxis(svg, sx, y, w, top) {
    var g = sv('g', { 'class': 'axis' });
    g.appendChild(sv('line', { x1: ML, x2: w - MR, y1: y, y2: y }));
    niceTicks(view.x0, view.x1, 8).forEach(function (t) {
      var x = sx(t);
      if (top !== undefined) svg.appendChild(add(sv('g', { 'class': 'grid' }), sv('line', { x1: x, x2: x, y1: top, y2: y })));
      g.appendChild(sv('line', { x1: x, x2: x, y1: y, y2: y + 4 }));
      g.appendChild(sv('text', { x: x, y: y + 15, 'text-anchor': 'middle' }, fmtX(t)));
    });
    g.appendChild(sv('text', { x: w - MR, y: y + 28, 'text-anchor': 'end' }, timed ? 'time since start' : 'history index'));
    svg.appendChild(g);
  }
  function clip(svg, id, y, h, w) {
    var defs = sv('defs');
    defs.appendChild(add(sv('clipPath', { id: id }), sv('rect', { x: ML, y: y, width: w - ML - MR, height: h })));
    svg.appendChild(defs);
    return 'url(#' + id + ')';
  }
  // Drag across a chart to zoom every chart to that interval; double-click to zoom out.
  function brush(svg, w, top, bottom) {
    var start = null, rect = null;
    function px(ev) {
      var b = svg.getBoundingClientRect();
      return (ev.clientX - b.left) * (w / b.width);
    }
    svg.addEventListener('mousedown', function (ev) {
      start = Math.max(ML, Math.min(w - MR, px(ev)));
      rect = sv('rect', { 'class': 'brush', x: start, y: top, width: 0, height: bottom - top });
      svg.appendChild(rect);
    });
    svg.addEventListener('mousemove', function (ev) {
      if (start === null) return;
      var x = Math.max(ML, Math.min(w - MR, px(ev)));
      rect.setAttribute('x', Math.min(start, x));
      rect.setAttribute('width', Math.abs(x - start));
    });
    function end(ev) {
      if (start === null) return;
      var x = Math.max(ML, Math.min(w - MR, px(ev)));
      var a = Math.min(start, x), b = Math.max(start, x);
      start = null;
      if (rect && rect.parentNode) rect.parentNode.removeChild(rect);
      if (b - a > 4) zoom(xInverse(w, a), xInverse(w, b));
    }
    svg.addEventListener('mouseup', end);
    svg.addEventListener('mouseleave', end);
    svg.addEventListener('dblclick', function () { zoom(0, Math.max(meta.axisMax, 1)); });
  }
  function zoom(x0, x1) {
    view.x0 = x0; view.x1 = Math.max(x1, x0 + 1e-6);
    redraws.forEach(function (f) { f(); });
  }
  function toolbar(parent) {
    var bar = el('div', 'toolbar');
    var label = el('span');
    var reset = el('button', null, 'show all');
    reset.type = 'button';
    reset.addEventListener('click', function () { zoom(0, Math.max(meta.axisMax, 1)); });
    add(bar, el('span', null, 'drag across a chart to zoom; double-click to zoom out.'), label, reset);
    parent.appendChild(bar);
    redraws.push(function () { label.textContent = 'showing ' + fmtX(view.x0) + ' – ' + fmtX(view.x1); });
  }
  function legend(parent, items) {
    var l = el('div', 'legend');
    items.forEach(function (it) {
      var s = el('span');
      var i = el('i');
      i.style.background = it[1];
      if (it[2]) i.style.outline = it[2];
      add(s, i, document.createTextNode(it[0]));
      l.appendChild(s);
    });
    parent.appendChild(l);
  }

  // ---- header and verdicts ------------------------------------------------------------------
  function renderHeader() {
    app.appendChild(el('h1', null, 'chaos report: ' + meta.title));
    var banner = el('div', 'banner verdict-' + meta.verdict);
    banner.id = 'verdict';
    var failing = data.checkers.filter(function (c) { return c.verdict !== 'valid'; }).map(function (c) { return c.name + ' ' + c.verdict; });
    add(banner, el('span', null, meta.verdict.toUpperCase()),
      el('span', 'sub', data.checkers.length + ' checkers' + (failing.length ? ': ' + failing.join(', ') : ', all valid')));
    app.appendChild(banner);
    var m = el('div', 'meta');
    var facts = [['scenario', meta.scenario], ['target', meta.target], ['nodes', (meta.nodes || []).join(' ')],
      ['seed', meta.seed], ['started', meta.started], ['tool', meta.tool], ['ops', meta.ops], ['calls', meta.calls]];
    Object.keys(meta.run || {}).forEach(function (k) {
      if (['scenario', 'target', 'seed', 'ops'].indexOf(k) < 0) facts.push([k, meta.run[k]]);
    });
    facts.forEach(function (f) {
      if (f[1] === null || f[1] === undefined || f[1] === '') return;
      m.appendChild(add(el('div'), el('span', null, f[0]), el('span', 'mono', fmt(f[1]))));
    });
    app.appendChild(m);
    (meta.warnings || []).forEach(function (w) { app.appendChild(el('p', 'note', 'warning: ' + w)); });
  }
  function renderVerdicts() {
    var s = section('checkers', 'Verdicts');
    var cards = el('div', 'cards');
    data.checkers.forEach(function (c) {
      var card = el('div', 'card verdict-' + c.verdict);
      card.setAttribute('data-checker', c.name);
      add(card, add(el('header'), el('h3', null, c.name), el('span', 'badge', c.verdict)), el('pre', null, c.summary.join('\n')));
      cards.appendChild(card);
    });
    s.appendChild(cards);
    if (!data.checkers.length) s.appendChild(el('p', 'muted', 'No checker applied to this history.'));
  }

  // ---- timeline -----------------------------------------------------------------------------
  function renderTimeline() {
    var tl = data.timeline;
    var s = section('timeline-section', 'Timeline: operations per client thread');
    s.appendChild(el('p', 'note', tl.lanes.length + ' threads (a process retired after an indeterminate result hands its row to the next); ' +
      tl.okDrawn + ' of ' + tl.okTotal + ' ok calls drawn' + (tl.okDrawn < tl.okTotal ? ' (evenly sampled)' : '') + '; all ' +
      tl.anomalies + ' fail / info / unfinished calls drawn' + (tl.finalReads ? '; the convergence probe\'s ' + tl.finalReads +
      ' final reads (all drawn) share the bottom row' : '') + '. Shaded: faults, labelled with their nodes. Hover a mark for details.'));
    legend(s, [['ok', 'var(--ok)'], ['fail', 'var(--fail)'], ['info (unknown)', 'var(--info)'], ['unfinished', 'var(--open)'],
      ['lost write (acknowledged add)', '#ff00aa', '1px solid #111'], ['counterexample op', '#1c5fd6', '1px solid #111'], ['txn in an anomaly', '#f2b600', '1px solid #111'], ['fault', 'var(--band)']]);
    toolbar(s);
    var holder = el('div');
    s.appendChild(holder);
    function draw() {
      var w = chartWidth();
      var rows = tl.lanes.length + (tl.finalReads ? 1 : 0);
      var dense = rows > 24;
      var laneH = dense ? 11 : 14;
      var top = 24, h = Math.max(1, rows) * laneH, bottom = top + h;
      var svg = sv('svg', { id: 'timeline', viewBox: '0 0 ' + w + ' ' + (bottom + 34), width: w, height: bottom + 34 });
      var sx = xScale(w);
      var bandLabels = drawBands(svg, sx, top, bottom);
      tl.lanes.forEach(function (label, i) {
        var t = sv('text', { 'class': 'lane-label' + (dense ? ' dense' : ''), x: ML - 6, y: top + i * laneH + laneH - 2, 'text-anchor': 'end' }, label);
        tip(t, 'processes ' + label);
        svg.appendChild(t);
      });
      if (tl.finalReads) {
        var fy = top + tl.lanes.length * laneH;
        svg.appendChild(sv('line', { 'class': 'final-rule', x1: ML, x2: w - MR, y1: fy, y2: fy }));
        var ft = sv('text', { 'class': 'lane-label final-label' + (dense ? ' dense' : ''), x: ML - 6, y: fy + laneH - 2, 'text-anchor': 'end' }, 'final reads');
        tip(ft, tl.finalReads + ' final reads: each node read after the final heal (the convergence probe), not client load');
        svg.appendChild(ft);
      }
      var g = sv('g', { 'clip-path': clip(svg, 'clip-tl', top, h, w) });
      var paths = ['', '', '', ''];
      var drawn = 0, singles = 0;
      var n = tl.start.length;
      for (var i = 0; i < n; i++) {
        if (tl.end[i] < view.x0 || tl.start[i] > view.x1) continue;
        var x = sx(tl.start[i]), x2 = sx(tl.end[i]);
        var wd = Math.max(1.2, x2 - x), y = top + tl.lane[i] * laneH + 2, hh = laneH - 4;
        var t = tl.type[i], note = tl.note[i];
        drawn++;
        if (note >= 0 && singles < 6000) {
          var nt = tl.notes[note];
          var cls = 'op op-' + TYPES[t] + (nt.flag ? ' flagged flag-' + (nt.flag === 'counterexample' || nt.flag === 'anomaly' ? nt.flag : 'lost') : '');
          var r = sv('rect', { 'class': cls, x: x, y: y, width: wd, height: hh });
          tip(r, (tl.lane[i] === tl.lanes.length ? 'final read, ' : '') + 'process ' + nt.process + ' ' + nt.f + (nt.key !== null ? ' key ' + nt.key : '') +
            (nt.value !== null ? ' ' + nt.value : '') + ' → ' + nt.outcome + (nt.result !== null ? ' ' + nt.result : '') +
            (nt.error !== null ? ' (' + nt.error + ')' : '') + (nt.node !== null ? '\nnode ' + nt.node : '') +
            '\nindex ' + nt.index + ', ' + fmtX(tl.start[i]) + ' → ' + fmtX(tl.end[i]) +
            (nt.flag ? '\n' + (nt.flag === 'counterexample' ? 'part of the linearizability counterexample'
              : nt.flag === 'anomaly' ? 'a transaction of a transactional anomaly (see below)' : 'set checker: ' + nt.flag) : ''));
          r.setAttribute('data-index', nt.index);
          g.appendChild(r);
          singles++;
        } else {
          paths[t] += 'M' + x.toFixed(1) + ' ' + y + 'h' + wd.toFixed(1) + 'v' + hh + 'h' + (-wd).toFixed(1) + 'z';
        }
      }
      paths.forEach(function (d, t) {
        if (d) g.insertBefore(sv('path', { 'class': 'op-' + TYPES[t] + ' op-bulk', d: d }), g.firstChild);
      });
      svg.appendChild(g);
      svg.appendChild(bandLabels);
      drawXAxis(svg, sx, bottom + 2, w);
      svg.setAttribute('data-marks', drawn);
      brush(svg, w, top, bottom);
      holder.textContent = '';
      holder.appendChild(svg);
    }
    redraws.push(draw);
  }

  // ---- latency and throughput ---------------------------------------------------------------
  function renderSeries() {
    var sr = data.series;
    var s = section('latency-section', 'Latency over time');
    if (!sr) {
      s.appendChild(el('p', 'muted', 'This history has no times (for example a Jepsen log): there is no latency or throughput to plot.'));
      return;
    }
    s.appendChild(el('p', 'note', 'Each dot is a call at its invocation, height = latency (log scale). ' + sr.okPoints + ' of ' +
      sr.okTotal + ' ok calls shown' + (sr.okPoints < sr.okTotal ? ' (evenly sampled)' : '') +
      '; every fail and info call shown. Line: p99 of ok calls per ' + fmtMs(sr.width) + ' slice (exact); dashed: max.'));
    legend(s, [['ok', 'var(--ok)'], ['fail', 'var(--fail)'], ['info (timeout / unknown)', 'var(--info)'], ['p99', '#333'], ['fault', 'var(--band)']]);
    var latHolder = el('div');
    s.appendChild(latHolder);
    var t = section('throughput-section', 'Throughput over time');
    t.appendChild(el('p', 'note', 'Completions per second by outcome, per ' + fmtMs(sr.width) + ' slice.'));
    legend(t, [['ok/s', 'var(--ok)'], ['fail/s', 'var(--fail)'], ['info/s', 'var(--info)'], ['fault', 'var(--band)']]);
    var tpHolder = el('div');
    t.appendChild(tpHolder);

    var lo = Infinity, hi = 0;
    sr.py.forEach(function (y) { if (y > 0) { lo = Math.min(lo, y); hi = Math.max(hi, y); } });
    sr.max.forEach(function (y) { if (y > 0) hi = Math.max(hi, y); });
    if (!(lo < Infinity)) { lo = 0.1; hi = 1; }
    var ylo = Math.pow(10, Math.floor(Math.log10(lo))), yhi = Math.pow(10, Math.ceil(Math.log10(Math.max(hi, ylo * 10))));

    function drawLatency() {
      var w = chartWidth(), top = 22, h = 260, bottom = top + h;
      var svg = sv('svg', { id: 'latency', viewBox: '0 0 ' + w + ' ' + (bottom + 34), width: w, height: bottom + 34 });
      var sx = xScale(w);
      var sy = function (v) { return bottom - (Math.log10(Math.max(v, ylo)) - Math.log10(ylo)) / (Math.log10(yhi) - Math.log10(ylo)) * h; };
      var bandLabels = drawBands(svg, sx, top, bottom);
      var ax = sv('g', { 'class': 'axis' });
      for (var d = ylo; d <= yhi * 1.0001; d *= 10) {
        svg.appendChild(add(sv('g', { 'class': 'grid' }), sv('line', { x1: ML, x2: w - MR, y1: sy(d), y2: sy(d) })));
        ax.appendChild(sv('text', { x: ML - 6, y: sy(d) + 3, 'text-anchor': 'end' }, fmtMs(d)));
      }
      ax.appendChild(sv('line', { x1: ML, x2: ML, y1: top, y2: bottom }));
      svg.appendChild(ax);
      var g = sv('g', { 'clip-path': clip(svg, 'clip-lat', top, h, w) });
      var paths = ['', '', ''];
      var shown = 0;
      for (var i = 0; i < sr.px.length; i++) {
        if (sr.px[i] < view.x0 || sr.px[i] > view.x1) continue;
        var size = sr.pt[i] === 0 ? 2 : 3.2;
        paths[sr.pt[i]] += 'M' + (sx(sr.px[i]) - size / 2).toFixed(1) + ' ' + (sy(sr.py[i]) - size / 2).toFixed(1) +
          'h' + size + 'v' + size + 'h' + (-size) + 'z';
        shown++;
      }
      ['pt-ok', 'pt-fail', 'pt-info'].forEach(function (cls, k) { if (paths[k]) g.appendChild(sv('path', { 'class': cls, d: paths[k] })); });
      g.appendChild(sv('path', { 'class': 'line-max', d: line(sr.max, sx, sy) }));
      g.appendChild(sv('path', { 'class': 'line-p99', d: line(sr.p99, sx, sy) }));
      svg.appendChild(g);
      svg.appendChild(bandLabels);
      drawXAxis(svg, sx, bottom + 2, w);
      svg.setAttribute('data-points', shown);
      brush(svg, w, top, bottom);
      latHolder.textContent = '';
      latHolder.appendChild(svg);
    }
    function line(values, sx, sy) {
      var d = '', pen = false;
      for (var b = 0; b < values.length; b++) {
        var x = (b + 0.5) * sr.width;
        if (values[b] < 0 || x < view.x0 - sr.width || x > view.x1 + sr.width) { pen = false; continue; }
        d += (pen ? 'L' : 'M') + sx(x).toFixed(1) + ' ' + sy(values[b]).toFixed(1);
        pen = true;
      }
      return d || 'M0 0';
    }
    function drawThroughput() {
      var w = chartWidth(), top = 22, h = 180, bottom = top + h;
      var svg = sv('svg', { id: 'throughput', viewBox: '0 0 ' + w + ' ' + (bottom + 34), width: w, height: bottom + 34 });
      var sx = xScale(w);
      var perSec = 1000 / sr.width;
      var ymax = 1;
      for (var b = 0; b < sr.ok.length; b++) {
        var x = (b + 0.5) * sr.width;
        if (x < view.x0 - sr.width || x > view.x1 + sr.width) continue;
        ymax = Math.max(ymax, sr.ok[b] * perSec, sr.fail[b] * perSec, sr.info[b] * perSec);
      }
      var ticks = niceTicks(0, ymax, 4);
      ymax = Math.max(ymax, ticks[ticks.length - 1]);
      var sy = function (v) { return bottom - v / ymax * h; };
      var bandLabels = drawBands(svg, sx, top, bottom);
      var ax = sv('g', { 'class': 'axis' });
      ticks.forEach(function (tv) {
        svg.appendChild(add(sv('g', { 'class': 'grid' }), sv('line', { x1: ML, x2: w - MR, y1: sy(tv), y2: sy(tv) })));
        ax.appendChild(sv('text', { x: ML - 6, y: sy(tv) + 3, 'text-anchor': 'end' }, fmt(Math.round(tv)) + '/s'));
      });
      ax.appendChild(sv('line', { x1: ML, x2: ML, y1: top, y2: bottom }));
      svg.appendChild(ax);
      var g = sv('g', { 'clip-path': clip(svg, 'clip-tp', top, h, w) });
      [['ok', 'tp-ok'], ['fail', 'tp-fail'], ['info', 'tp-info']].forEach(function (k) {
        var d = '';
        var counts = sr[k[0]];
        for (var b = 0; b < counts.length; b++) {
          d += (b ? 'L' : 'M') + sx((b + 0.5) * sr.width).toFixed(1) + ' ' + sy(counts[b] * perSec).toFixed(1);
        }
        if (d) g.appendChild(sv('path', { 'class': k[1], d: d }));
      });
      svg.appendChild(g);
      svg.appendChild(bandLabels);
      drawXAxis(svg, sx, bottom + 2, w);
      brush(svg, w, top, bottom);
      tpHolder.textContent = '';
      tpHolder.appendChild(svg);
    }
    redraws.push(drawLatency, drawThroughput);
  }

  function renderPercentiles() {
    var s = section('percentiles', 'Latency percentiles');
    if (!data.latency.length) {
      s.appendChild(el('p', 'muted', 'No completed call with times.'));
      return;
    }
    s.appendChild(el('p', 'note', 'Completed calls, HdrHistogram (3 significant digits), milliseconds; the convergence probe\'s final reads left out. '
      + 'Service time: from the invocation. The row "ok, from intended start" is response time: from the slot the rate schedule meant the call to start in, '
      + 'so waiting for a client while the system stalled counts (corrected for coordinated omission); SLO latency thresholds use it.'));
    s.appendChild(table(['f', 'outcome', 'count', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max'],
      data.latency.map(function (r) { return [r.f, r.outcome, r.count, r.p50, r.p90, r.p95, r.p99, r.p999, r.max]; }),
      [false, false, true, true, true, true, true, true, true]));
  }

  // ---- set: lost writes ---------------------------------------------------------------------
  function renderLostWrites() {
    var lw = data.lostWrites;
    if (!lw) return;
    var s = section('lost-writes', 'Lost writes (set checker)');
    s.appendChild(table(['finding', 'meaning', 'count', 'listed'], lw.findings.map(function (f) {
      return [add(el('span', f.severity === 'invalid' && f.count > 0 ? 'badge verdict-invalid' : null), document.createTextNode(f.name)),
        f.meaning, f.count, f.listed];
    }), [false, false, true, true]));
    if (!lw.rows.length) {
      s.appendChild(el('p', 'muted', 'No element lost, unexpected or unverified.'));
      return;
    }
    s.appendChild(el('p', 'note', 'Each element with the add that wrote it; lost adds are flagged on the timeline. The set checker lists up to 1,000 elements per finding; counts are totals.'));
    var box = el('div', 'scroll');
    box.appendChild(table(['finding', 'element', 'process', 'node', 'add outcome', 'invoked', 'completed', 'index'],
      lw.rows.map(function (r) {
        return [r.finding, r.element, r.process, r.node, r.outcome, r.invokeAt === null ? null : fmtX(r.invokeAt),
          r.completeAt === null ? null : fmtX(r.completeAt), r.index];
      }), [false, false, false, false, false, true, true, true]));
    box.querySelector('table').id = 'lost-table';
    s.appendChild(box);
  }

  // ---- linearizability counterexample -------------------------------------------------------
  function renderCounterexample() {
    var cx = data.counterexample;
    if (!cx) return;
    var s = section('counterexample', 'Linearizability counterexample');
    var keyText = cx.key ? 'key ' + cx.key : 'the single object';
    s.appendChild(el('p', null, 'On ' + keyText + ', the longest linearizable prefix has ' + (cx.prefix || []).length +
      ' operations and leaves the state ' + cx.state + '. After it, this operation cannot be placed:'));
    s.appendChild(el('pre', null, describe(cx.blocked)));
    var prefix = (cx.prefix || []).slice(-12);
    var ops = [], seen = {};
    function push(o, cls, role) {
      if (!o || seen[o.invoke]) return;
      seen[o.invoke] = true;
      ops.push({ op: o, cls: cls, role: role });
    }
    push(cx.blocked, 'cx-blocked', 'cannot be placed');
    (cx.concurrent || []).forEach(function (o) { push(o, 'cx-concurrent', 'concurrent with the blocked op'); });
    prefix.forEach(function (o) { push(o, 'cx-prefix', 'linearized (prefix)'); });
    ops.sort(function (a, b) { return a.op.invoke - b.op.invoke; });
    var lo = Infinity, hi = -Infinity;
    ops.forEach(function (o) { lo = Math.min(lo, o.op.invoke); hi = Math.max(hi, o.op.complete >= 0 ? o.op.complete : o.op.invoke); });
    var openEnd = hi + Math.max(2, (hi - lo) * 0.15);
    var procs = [];
    ops.forEach(function (o) { if (procs.indexOf(o.op.process) < 0) procs.push(o.op.process); });
    var w = chartWidth(), rowH = 26, top = 10, bottom = top + procs.length * rowH;
    var svg = sv('svg', { id: 'cx-chart', viewBox: '0 0 ' + w + ' ' + (bottom + 34), width: w, height: bottom + 34 });
    var sx = function (i) { return ML + (i - lo) / Math.max(openEnd - lo, 1) * (w - ML - MR); };
    procs.forEach(function (p, i) {
      svg.appendChild(sv('text', { 'class': 'lane-label', x: ML - 6, y: top + i * rowH + 16, 'text-anchor': 'end' }, 'process ' + p));
    });
    ops.forEach(function (o) {
      var op = o.op, row = procs.indexOf(op.process);
      var x0 = sx(op.invoke), x1 = sx(op.complete >= 0 ? op.complete : openEnd);
      var g = sv('g', { 'class': 'cx-op' });
      var r = sv('rect', { 'class': o.cls + (op.complete < 0 ? ' cx-open' : ''), x: x0, y: top + row * rowH + 3, width: Math.max(3, x1 - x0), height: rowH - 6, rx: 3 });
      tip(r, o.role + ': ' + describe(op));
      if (o.cls === 'cx-blocked') r.id = 'cx-blocked';
      g.appendChild(r);
      g.appendChild(sv('text', { 'class': 'cx-label', x: x0 + 4, y: top + row * rowH + 17 }, op.f + ' ' + op.value));
      svg.appendChild(g);
    });
    var axis = sv('g', { 'class': 'axis' });
    axis.appendChild(sv('line', { x1: ML, x2: w - MR, y1: bottom + 2, y2: bottom + 2 }));
    niceTicks(lo, hi, 8).forEach(function (tv) {
      if (tv !== Math.round(tv)) return;
      axis.appendChild(sv('text', { x: sx(tv), y: bottom + 16, 'text-anchor': 'middle' }, String(tv)));
    });
    axis.appendChild(sv('text', { x: w - MR, y: bottom + 30, 'text-anchor': 'end' }, 'history index (real-time order); dashed: no completion'));
    svg.appendChild(axis);
    legend(s, [['linearized prefix (its last ' + prefix.length + ')', '#cfd8e6'], ['concurrent', '#ffe0b2'], ['cannot be placed', '#ffcdd2', '2px solid var(--invalid)']]);
    s.appendChild(svg);
    var list = el('ol');
    (cx.prefix || []).slice(-12).forEach(function (o) { list.appendChild(el('li', 'mono', describe(o))); });
    var d = el('details');
    add(d, el('summary', null, 'the prefix\'s last ' + prefix.length + ' operations, in linearization order'), list);
    s.appendChild(d);
  }
  function describe(o) {
    return 'process ' + o.process + ' ' + o.f + ' ' + o.value + ' [' + o.invoke + '..' + (o.complete < 0 ? '?' : o.complete) + '] ' + o.type;
  }

  // ---- transactional anomalies: each cycle drawn, each step said ----------------------------
  var txnSvgs = 0;
  function renderTxnAnomalies() {
    ['list-append', 'rw-register'].forEach(function (name) {
      var c = checker(name);
      var d = c && c.details;
      if (!d || !d.anomalies) return;
      var s = section('txn-' + name, 'Transactional anomalies (' + name + '): claimed ' + d.consistency);
      var types = Object.keys(d.anomalies);
      var forbidden = d.forbidden || [];
      s.appendChild(el('p', null, types.length
        ? 'weakest model violated: ' + ((d['weakest-violated'] || []).join(' and ') || 'none') + '; models violated: ' + (d.violates || []).join(', ')
        : 'No anomaly in ' + fmt(d.txns) + ' transactions.'));
      if (!types.length) return;
      s.appendChild(table(['anomaly', 'count', 'under ' + d.consistency], types.map(function (t) {
        var bad = forbidden.indexOf(t) >= 0;
        return [t, d.anomalies[t].count, add(el('span', 'badge verdict-' + (bad ? 'invalid' : 'valid')),
          document.createTextNode(bad ? 'forbidden' : 'allowed'))];
      }), [false, true, false]));
      types.forEach(function (t) {
        var a = d.anomalies[t];
        s.appendChild(el('h3', null, t + ' (' + a.count + (a.count > a.examples.length ? ', ' + a.examples.length + ' shown' : '') + ')'));
        var more = null;
        a.examples.forEach(function (ex, i) {
          if (i === 2) {
            more = el('details');
            more.appendChild(el('summary', null, (a.examples.length - 2) + ' more ' + t + ' example' + (a.examples.length > 3 ? 's' : '')));
            s.appendChild(more);
          }
          var fig = el('figure', 'txn-anomaly');
          fig.setAttribute('data-anomaly', t);
          if (ex.cycle) {
            fig.appendChild(cycleSvg(ex.cycle));
            var ol = el('ol', 'txn-steps');
            ex.cycle.forEach(function (st) {
              ol.appendChild(add(el('li'), el('span', 'mono', st.from.name + ' →' + st.type + ' ' + st.to.name + ': '),
                document.createTextNode(st.text)));
            });
            fig.appendChild(ol);
          }
          fig.appendChild(el('figcaption', null, ex.text));
          (more || s).appendChild(fig);
        });
      });
    });
  }
  function cycleSvg(steps) {
    var n = steps.length, id = 'txn-arrow-' + (txnSvgs++);
    var r = Math.max(70, n * 34), cx = r + 150, cy = r + 30, w = 2 * cx, h = 2 * cy;
    var svg = sv('svg', { 'class': 'txn-cycle', viewBox: '0 0 ' + w + ' ' + h, width: w, height: h });
    var marker = sv('marker', { id: id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(sv('path', { d: 'M0,0 L10,5 L0,10 z', 'class': 'txn-arrowhead' }));
    svg.appendChild(add(sv('defs'), marker));
    var pos = steps.map(function (st, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / n;
      return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
    });
    var NODE = 24;
    steps.forEach(function (st, i) {
      var p = pos[i], q = pos[(i + 1) % n];
      var dx = q.x - p.x, dy = q.y - p.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / len, uy = dy / len;
      var x0 = p.x + ux * NODE, y0 = p.y + uy * NODE, x1 = q.x - ux * (NODE + 2), y1 = q.y - uy * (NODE + 2);
      // bend every edge outwards a little, so the two edges of a two-node cycle do not overlap
      var mx = (x0 + x1) / 2 + uy * 26, my = (y0 + y1) / 2 - ux * 26;
      var path = sv('path', { d: 'M' + x0 + ',' + y0 + ' Q' + mx + ',' + my + ' ' + x1 + ',' + y1,
        'class': 'txn-edge txn-' + st.type, 'marker-end': 'url(#' + id + ')' });
      svg.appendChild(tip(path, st.text));
      var label = st.type + (st.key !== null && st.key !== undefined ? ' ' + String(st.key).slice(0, 24) : '');
      var lx = (x0 + x1) / 2 + uy * 32, ly = (y0 + y1) / 2 - ux * 32 + 4;
      svg.appendChild(tip(sv('text', { 'class': 'txn-edge-label', x: lx, y: ly,
        'text-anchor': Math.abs(uy) < 0.2 ? 'middle' : uy > 0 ? 'start' : 'end' }, label), st.text));
    });
    steps.forEach(function (st, i) {
      var g = sv('g', { 'class': 'txn-node' });
      g.appendChild(sv('circle', { cx: pos[i].x, cy: pos[i].y, r: NODE, 'class': 'txn-' + st.from.status }));
      g.appendChild(sv('text', { x: pos[i].x, y: pos[i].y + 4, 'text-anchor': 'middle' }, st.from.name));
      tip(g, st.from.name + ' (process ' + st.from.process + ', ' + st.from.status + ', op ' + st.from.index + '): ' + st.from.ops);
      svg.appendChild(g);
    });
    return svg;
  }

  // ---- convergence and SLOs -----------------------------------------------------------------
  function renderConvergence() {
    var c = checker('convergence');
    if (!c) return;
    var d = c.details || {};
    var s = section('convergence', 'Convergence after the heal');
    var text = d.converged === true ? 'converged in ' + fmtMs(d['converge-ms']) : d.converged === false ? 'did NOT converge' : 'unknown';
    add(s, add(el('p'), el('span', 'big', text), el('span', 'muted', d['within-ms'] !== undefined ? '   limit ' + fmtMs(d['within-ms']) : '')));
    s.appendChild(el('pre', null, c.summary.join('\n')));
  }
  function renderSlo() {
    var c = checker('slo');
    if (!c) return;
    var s = section('slo', 'SLOs: threshold vs measured');
    var th = (c.details || {}).thresholds;
    var rows = [];
    function pick(m, keys) { for (var i = 0; i < keys.length; i++) if (m[keys[i]] !== undefined) return m[keys[i]]; return null; }
    function row(name, m) {
      var v = pick(m, ['valid', 'ok', 'passed']);
      var word = v === true ? 'valid' : v === false ? 'invalid' : 'unknown';
      rows.push([name, fmt(pick(m, ['threshold', 'limit', 'max', 'min'])), fmt(pick(m, ['measured', 'value', 'actual'])),
        add(el('span', 'badge verdict-' + word), document.createTextNode(word))]);
    }
    if (Array.isArray(th)) th.forEach(function (m, i) { if (m && typeof m === 'object') row(fmt(pick(m, ['name', 'metric', 'slo', 'id']) || 'threshold ' + (i + 1)), m); });
    else if (th && typeof th === 'object') Object.keys(th).forEach(function (k) { if (th[k] && typeof th[k] === 'object') row(k, th[k]); });
    if (rows.length) s.appendChild(table(['SLO', 'threshold', 'measured', 'verdict'], rows, [false, true, true, false]));
    else s.appendChild(el('pre', null, c.summary.join('\n')));
  }

  function renderFaultEffect() {
    var c = checker('fault-effect');
    if (!c) return;
    var d = c.details || {};
    var s = section('fault-effect', 'Faults took effect: the proxy\'s counters per cut link');
    s.appendChild(el('p', 'note', 'Bytes forwarded in a cut direction while a fault was held must be 0; bytes dropped and connections ' +
      'reset show that something tried to cross. After the final heal no toxic or disabled proxy may be left.'));
    (d.faults || []).forEach(function (f) {
      s.appendChild(el('h3', null, f.fault + ' (' + f.mode + ') at ' + fmtMs(f['at-ms']) +
        (f.measured === false ? ': not measured, ' + f.reason : ', measured over ' + fmtMs(f['window-ms']))));
      var rows = (f.links || []).map(function (l) {
        var word = l.forwarded > 0 ? 'invalid' : 'valid';
        return [l.link, l.cut, fmt(l.forwarded), fmt(l.dropped), fmt(l.resets),
          add(el('span', 'badge verdict-' + word), document.createTextNode(l.forwarded > 0 ? 'leaked' : 'held'))];
      });
      if (rows.length) s.appendChild(table(['link', 'cut', 'forwarded', 'dropped', 'resets', ''], rows, [false, false, true, true, true, false]));
    });
    var h = d.heal;
    if (h) {
      s.appendChild(el('h3', null, 'after the final heal (' + fmtMs(h['window-ms']) + ' later)'));
      s.appendChild(el('pre', null, 'toxics left: ' + ((h['toxics-left'] || []).join(', ') || 'none') + '\n' +
        'disabled proxies left: ' + ((h['disabled-left'] || []).join(', ') || 'none') + '\n' +
        'bytes on peer links since the heal: ' + fmt(h['bytes-since-heal']) + '\n' +
        'quiet links (listed, not judged): ' + ((h['quiet-links'] || []).join(', ') || 'none')));
    }
  }

  // ---- every checker's details, generically -------------------------------------------------
  function kv(v, depth) {
    if (v === null || typeof v !== 'object') return el('span', 'mono', fmt(v));
    if (depth > 5) return el('span', 'mono', JSON.stringify(v).slice(0, 300));
    if (Array.isArray(v)) {
      if (!v.length) return el('span', 'muted', '(none)');
      if (v.every(function (x) { return x === null || typeof x !== 'object'; })) {
        var shown = v.slice(0, 200).map(fmt).join(', ');
        return el('span', 'mono', shown + (v.length > 200 ? ' … (' + (v.length - 200) + ' more)' : ''));
      }
      var ol = el('ol');
      v.slice(0, 50).forEach(function (x) { ol.appendChild(add(el('li'), kv(x, depth + 1))); });
      if (v.length > 50) ol.appendChild(el('li', 'muted', '… ' + (v.length - 50) + ' more'));
      return ol;
    }
    var keys = Object.keys(v);
    if (!keys.length) return el('span', 'muted', '(empty)');
    var t = el('table', 'kv');
    keys.forEach(function (k) { t.appendChild(add(el('tr'), el('th', null, k), add(el('td'), kv(v[k], depth + 1)))); });
    return t;
  }
  function renderDetails() {
    var s = section('details', 'Checker details');
    data.checkers.forEach(function (c) {
      var d = el('details');
      d.setAttribute('data-checker', c.name);
      add(d, el('summary', null, c.name + ' (' + c.verdict + ')'), kv(c.details, 0));
      s.appendChild(d);
    });
  }

  renderHeader();
  renderVerdicts();
  renderTimeline();
  renderSeries();
  renderPercentiles();
  renderLostWrites();
  renderCounterexample();
  renderTxnAnomalies();
  renderConvergence();
  renderSlo();
  renderFaultEffect();
  renderDetails();
  zoom(view.x0, view.x1);
  var footer = el('footer', null, 'Generated by ' + 'chaos report. The same findings as data: results.json and junit.xml beside this file.');
  app.appendChild(footer);
  document.body.setAttribute('data-rendered', 'true');
}());
