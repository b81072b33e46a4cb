/* global acquireVsCodeApi, window, document, ResizeObserver, requestAnimationFrame */
// The incident trends page script. It shows what the extension posts: the chart (SVG the server drew, its texts
// escaped) and the figures, which it writes as text (never as HTML). It reports back its width, the grouping asked
// for, clicks that open a postmortem (by URI; the extension opens only URIs the index listed) and what it drew.
// Runs under a CSP that allows this file only (nonce).
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const $ = (id) => document.getElementById(id);
  const root = $('tr-root');
  let lastWidth = 0;
  let sortState = { column: 'start', ascending: false };
  let rows = [];

  function post(message) {
    vscode.postMessage(message);
  }

  function width() {
    const chart = $('tr-chart');
    return Math.max(360, Math.round(chart.clientWidth || root.clientWidth || 900));
  }

  function minutes(m) {
    if (m === null || m === undefined || !isFinite(m)) return '—';
    const total = Math.round(m);
    if (total < 60) return total + ' min';
    if (total < 48 * 60) {
      const h = Math.floor(total / 60);
      const r = total % 60;
      return r ? h + ' h ' + r + ' min' : h + ' h';
    }
    const d = Math.floor(total / 1440);
    const h = Math.round((total % 1440) / 60);
    return h ? d + ' d ' + h + ' h' : d + ' d';
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function instant(ms) {
    if (ms === null || ms === undefined) return 'undated';
    const d = new Date(ms);
    return (
      d.getUTCFullYear() +
      '-' +
      pad(d.getUTCMonth() + 1) +
      '-' +
      pad(d.getUTCDate()) +
      ' ' +
      pad(d.getUTCHours()) +
      ':' +
      pad(d.getUTCMinutes())
    );
  }

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function period(p) {
    if (p === null || p === undefined) return 'Undated';
    const m = /^(\d{4})-(\d{2})$/.exec(p);
    if (m) return MONTHS[Number(m[2]) - 1] + ' ' + m[1];
    return p.replace('-', ' ');
  }

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  const COLUMNS = [
    { key: 'title', title: 'Postmortem', text: (r) => r.title || r.file, link: true },
    { key: 'start', title: 'Start (UTC)', numeric: true, text: (r) => (r.dateKnown ? instant(r.start) : 'undated') },
    { key: 'durationMinutes', title: 'Duration', numeric: true, text: (r) => minutes(r.durationMinutes) },
    { key: 'detectMinutes', title: 'TTD', numeric: true, text: (r) => minutes(r.detectMinutes) },
    { key: 'acknowledgeMinutes', title: 'TTA', numeric: true, text: (r) => minutes(r.acknowledgeMinutes) },
    { key: 'mitigateMinutes', title: 'TTM', numeric: true, text: (r) => minutes(r.mitigateMinutes) },
    { key: 'resolveMinutes', title: 'TTR', numeric: true, text: (r) => minutes(r.resolveMinutes) },
    { key: 'entries', title: 'Entries', numeric: true, text: (r) => String(r.entries) },
    { key: 'errors', title: 'Errors', numeric: true, text: (r) => String(r.errors) },
    { key: 'warnings', title: 'Warnings', numeric: true, text: (r) => String(r.warnings) },
    { key: 'missing', title: 'Missing', text: (r) => r.missing.join(', ') },
  ];

  function compare(a, b, column) {
    const x = a[column.key];
    const y = b[column.key];
    if (column.numeric) {
      // A figure the document does not give sorts last either way.
      if ((x === null) !== (y === null)) return x === null ? 1 : -1;
      if (x === null) return 0;
      return (x - y) * (sortState.ascending ? 1 : -1);
    }
    const s = String(column.key === 'missing' ? x.join(', ') : x || '').localeCompare(
      String(column.key === 'missing' ? y.join(', ') : y || ''),
    );
    return sortState.ascending ? s : -s;
  }

  function drawRows() {
    const table = $('tr-rows');
    table.textContent = '';
    const head = table.createTHead().insertRow();
    for (const c of COLUMNS) {
      const th = el('th', c.title, c.numeric ? 'n' : '');
      th.scope = 'col';
      th.tabIndex = 0;
      if (sortState.column === c.key) th.setAttribute('aria-sort', sortState.ascending ? 'ascending' : 'descending');
      const sort = () => {
        sortState = { column: c.key, ascending: sortState.column === c.key ? !sortState.ascending : c.key === 'title' };
        drawRows();
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sort();
        }
      });
      head.appendChild(th);
    }
    const column = COLUMNS.find((c) => c.key === sortState.column) || COLUMNS[1];
    const body = table.createTBody();
    for (const r of rows.slice().sort((a, b) => compare(a, b, column))) {
      const tr = body.insertRow();
      for (const c of COLUMNS) {
        const td = tr.insertCell();
        if (c.numeric) td.className = 'n';
        if (c.link) {
          const a = el('a', c.text(r));
          a.href = '#';
          a.dataset.uri = r.uri;
          a.title = r.file;
          td.appendChild(a);
        } else td.textContent = c.text(r);
        if (c.key === 'errors' && r.errors) td.classList.add('tr-error');
        if (c.key === 'missing' && r.missing.length) td.classList.add('tr-warning');
      }
    }
    return body.rows.length;
  }

  function drawGroups(groups) {
    const table = $('tr-groups');
    table.textContent = '';
    const head = table.createTHead().insertRow();
    ['Period', 'Count', 'Duration median', 'Duration p90', 'TTD median', 'TTD p90', 'TTR median', 'TTR p90'].forEach((h, i) => {
      const th = el('th', h, i ? 'n' : '');
      th.scope = 'col';
      head.appendChild(th);
    });
    const body = table.createTBody();
    // Newest first, undated last, as in the Postmortems view.
    const ordered = groups
      .filter((g) => g.period !== null)
      .reverse()
      .concat(groups.filter((g) => g.period === null));
    for (const g of ordered) {
      const tr = body.insertRow();
      const cells = [
        period(g.period),
        String(g.count),
        minutes(g.durationMinutes.median),
        minutes(g.durationMinutes.p90),
        minutes(g.detectMinutes.median),
        minutes(g.detectMinutes.p90),
        minutes(g.resolveMinutes.median),
        minutes(g.resolveMinutes.p90),
      ];
      cells.forEach((text, i) => {
        const td = tr.insertCell();
        td.textContent = text;
        if (i) td.className = 'n';
      });
    }
    return body.rows.length;
  }

  function update(m) {
    root.dataset.state = m.rows.length ? 'ready' : 'empty';
    rows = m.rows;
    for (const b of document.querySelectorAll('[data-group]')) b.setAttribute('aria-pressed', String(b.dataset.group === m.group));
    $('tr-groups-title').textContent = m.group === 'quarter' ? 'By quarter' : 'By month';
    const undated = m.rows.filter((r) => r.start === null).length;
    $('tr-summary').textContent = m.rows.length
      ? m.rows.length +
        ' postmortem' +
        (m.rows.length === 1 ? '' : 's') +
        (undated ? ', ' + undated + ' undated (listed, not drawn)' : '') +
        '.'
      : 'No postmortems in this workspace yet.';
    const note = $('tr-note');
    note.hidden = !m.note;
    note.textContent = m.note || '';
    // The server's SVG: our own markup, every text from the documents escaped.
    const chart = $('tr-chart');
    chart.innerHTML = m.chartSvg || '';
    if (!m.chartSvg)
      chart.appendChild(
        el('p', m.rows.length ? 'No postmortem states its date: nothing to place in time.' : 'Nothing to draw yet.', 'tr-muted'),
      );
    const points = chart.querySelectorAll('circle').length;
    const groupCount = drawGroups(m.groups);
    const rowCount = drawRows();
    post({ type: 'rendered', generation: m.generation, rows: rowCount, groups: groupCount, points });
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update') update(m);
    else if (m.type === 'empty') {
      root.dataset.state = 'error';
      $('tr-summary').textContent = String(m.message || '');
    }
  });

  document.addEventListener('click', (e) => {
    const target = e.target instanceof window.Element ? e.target.closest('a') : null;
    if (!target) return;
    e.preventDefault();
    const uri = target.dataset.uri || target.getAttribute('href');
    if (uri && uri !== '#') post({ type: 'open', uri });
  });

  for (const b of document.querySelectorAll('[data-group]')) {
    b.addEventListener('click', () => post({ type: 'group', group: b.dataset.group }));
  }

  document.addEventListener('securitypolicyviolation', (e) => {
    post({ type: 'cspViolation', directive: e.violatedDirective, blocked: String(e.blockedURI || e.sample || '') });
  });

  function reportWidth() {
    const w = width();
    if (Math.abs(w - lastWidth) >= 24) {
      lastWidth = w;
      post({ type: 'width', width: w });
    }
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => requestAnimationFrame(reportWidth)).observe(root);
  lastWidth = width();
  post({ type: 'ready', width: lastWidth });
})();
