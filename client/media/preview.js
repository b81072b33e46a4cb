/* global acquireVsCodeApi, window, document, ResizeObserver, requestAnimationFrame */
// The postmortem preview's page script. It only shows what the extension posts (HTML the server
// rendered and sanitised) and reports back clicks (reveal a line), its width and what it applied.
// Runs under a CSP that allows this file only (nonce); nothing in the document can run.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const $ = (id) => document.getElementById(id);
  const root = $('pm-root');
  const tooltip = $('pm-tooltip');
  const testMode = document.body.dataset.test === '1';
  let current = vscode.getState() || {};
  let lastWidth = 0;
  let pendingScrollLine = null;

  /** The width the timeline gets: the page's content box, less the timeline card's padding and border. */
  function width() {
    const style = window.getComputedStyle(root);
    const content =
      (root.clientWidth || document.documentElement.clientWidth || 760) -
      parseFloat(style.paddingLeft || '0') -
      parseFloat(style.paddingRight || '0');
    return Math.max(320, Math.round(content - 30 + 12));
  }

  function post(message) {
    vscode.postMessage(message);
  }

  function update(message) {
    root.dataset.state = message.isPostmortem ? 'postmortem' : 'markdown';
    $('pm-title').textContent = message.title || 'Untitled';
    $('pm-eyebrow').textContent = message.isPostmortem ? 'Postmortem · ' + (message.profile || 'default') + ' profile' : 'Markdown';
    // The server's output: the document went through rehype-sanitize; the overview is our own markup.
    $('pm-overview').innerHTML = message.overviewHtml || '';
    $('pm-problems').innerHTML = message.problemsHtml || '';
    $('pm-document').innerHTML = message.html || '';
    current = { uri: message.uri, version: message.version };
    post({ type: 'rendered', version: message.version, uri: message.uri });
    vscode.setState({ uri: message.uri });
    if (typeof message.scrollLine === 'number' && pendingScrollLine === null) pendingScrollLine = message.scrollLine;
    if (pendingScrollLine !== null) scrollToLine(pendingScrollLine, false);
  }

  /** The last element (in document order) that starts at or before the line. */
  function elementForLine(line) {
    const candidates = $('pm-document').querySelectorAll('[data-line]');
    let best = null;
    for (const el of candidates) {
      const at = Number(el.dataset.line);
      if (at <= line) best = el;
      else break;
    }
    return best;
  }

  function scrollToLine(line, smooth) {
    pendingScrollLine = line;
    if (line <= 1) {
      window.scrollTo({ top: 0, behavior: smooth ? 'smooth' : 'auto' });
      return;
    }
    const el = elementForLine(line);
    if (!el) return;
    const top = el.getBoundingClientRect().top + window.scrollY - 12;
    window.scrollTo({ top: Math.max(0, top), behavior: smooth ? 'smooth' : 'auto' });
  }

  function showTip(target, x, y) {
    const text = target.dataset.tip;
    if (!text) return;
    tooltip.textContent = text;
    tooltip.hidden = false;
    const rect = tooltip.getBoundingClientRect();
    const left = Math.min(Math.max(8, x + 14), window.innerWidth - rect.width - 8);
    const top = y + 18 + rect.height > window.innerHeight ? y - rect.height - 12 : y + 18;
    tooltip.style.left = left + 'px';
    tooltip.style.top = top + 'px';
  }

  document.addEventListener('mouseover', (e) => {
    const entry = e.target.closest && e.target.closest('[data-tip]');
    if (entry) {
      entry.classList.add('pm-hover');
      showTip(entry, e.clientX, e.clientY);
    }
  });
  document.addEventListener('mousemove', (e) => {
    const entry = e.target.closest && e.target.closest('[data-tip]');
    if (entry) showTip(entry, e.clientX, e.clientY);
  });
  document.addEventListener('mouseout', (e) => {
    const entry = e.target.closest && e.target.closest('[data-tip]');
    if (entry) {
      entry.classList.remove('pm-hover');
      tooltip.hidden = true;
    }
  });

  function activate(target) {
    const line = Number(target.dataset.line);
    if (!Number.isFinite(line)) return;
    const column = Number(target.dataset.column || 1);
    post({ type: 'reveal', line, column });
  }

  document.addEventListener('click', (e) => {
    // Links in the document do not navigate the webview.
    const link = e.target.closest && e.target.closest('a[href]');
    if (link && !link.getAttribute('href').startsWith('#')) e.preventDefault();
    const target = e.target.closest && e.target.closest('.pm-tl-entry, .pm-problem');
    if (target) activate(target);
  });
  document.addEventListener('dblclick', (e) => {
    const target = e.target.closest && e.target.closest('#pm-document [data-line]');
    if (target) activate(target);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const target = e.target.closest && e.target.closest('.pm-tl-entry, .pm-problem');
    if (target) {
      e.preventDefault();
      activate(target);
    }
  });

  document.addEventListener('securitypolicyviolation', (e) => {
    post({ type: 'cspViolation', directive: e.violatedDirective, blocked: String(e.blockedURI || e.sample || '') });
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'update':
        update(message);
        break;
      case 'scroll':
        scrollToLine(message.line, false);
        break;
      case 'empty':
        root.dataset.state = 'empty';
        $('pm-title').textContent = message.message || 'Nothing to preview';
        break;
      case 'testRaw':
        // Test mode only: raw HTML past the sanitiser, to show the CSP keeps it inert.
        if (testMode) {
          const box = document.createElement('div');
          box.id = 'pm-test-raw';
          box.innerHTML = message.html;
          document.body.appendChild(box);
        }
        break;
    }
  });

  const reportWidth = () => {
    const w = width();
    if (Math.abs(w - lastWidth) < 8) return;
    lastWidth = w;
    post({ type: 'width', width: w });
  };
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() => requestAnimationFrame(reportWidth)).observe(root);
  }
  lastWidth = width();
  post({ type: 'ready', width: lastWidth, uri: current.uri });
})();
