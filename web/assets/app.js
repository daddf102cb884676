// PlanQA page script (launch head=). Runs before Gradio renders; everything below is delegated to
// `document`, so it works for components mounted later. window.planqa is also used by goto.js.
(() => {
  if (window.planqa) return;
  document.documentElement.lang = 'zh-CN'; // Gradio's index.html says "en"; the page is Chinese

  const $ = (sel, root = document) => root.querySelector(sel);
  const SENTENCE_END = /(?<=[。；;！？!?])/;
  const TITLE = '在全文中查看，依据：'; // web/render.py LINK_TITLE

  // ------------------------------------------------------------ citations -> the Plan tab
  function unmark() {
    document.querySelectorAll('mark.planqa-hl').forEach((m) => {
      const parent = m.parentElement;
      m.replaceWith(document.createTextNode(m.textContent));
      parent.normalize();
    });
    document.querySelectorAll('.planqa-flash').forEach((el) => el.classList.remove('planqa-flash'));
  }

  // Mark the sentences of `quote` found in the element's text; returns the first mark (or null).
  function mark(el, quote) {
    const text = el.textContent;
    const spans = [];
    for (let piece of quote.split(SENTENCE_END)) {
      piece = piece.trim();
      if (piece.length < 2) continue;
      const at = text.indexOf(piece);
      if (at >= 0 && !spans.some(([s, e]) => s < at + piece.length && at < e)) spans.push([at, at + piece.length]);
    }
    if (!spans.length) return null;
    spans.sort((a, b) => a[0] - b[0]);
    const merged = [];  // consecutive quoted sentences (a units list split at ；) make one mark
    for (const [s, e] of spans) {
      const last = merged[merged.length - 1];
      if (last && !text.slice(last[1], s).trim()) last[1] = e; else merged.push([s, e]);
    }
    el.textContent = '';
    let pos = 0;
    for (const [s, e] of merged) {
      el.append(text.slice(pos, s));
      const m = document.createElement('mark');
      m.className = 'planqa-hl';
      m.textContent = text.slice(s, e);
      el.append(m);
      pos = e;
    }
    el.append(text.slice(pos));
    return el.querySelector('mark.planqa-hl');
  }

  function planTabButton() {
    return document.getElementById('planqa-tab-plan-button') ||
      [...document.querySelectorAll('button[role="tab"]')].find((b) => b.textContent.includes('全文'));
  }

  // With several plans the Plan tab holds one <section> per plan, only the picked one shown.
  function showPlan(key) {
    document.querySelectorAll('section.planqa-plan').forEach((s) => { s.hidden = s.dataset.plan !== key; });
    const pick = document.getElementById('planqa-plan-pick');
    if (pick && pick.value !== key) pick.value = key;
  }

  // The clause's block: ids are qualified by plan (2025数字青岚·二.2) when several plans are served; a
  // plain id (二.2, from a conversation held before other plans were added) is the built-in plan's.
  function clauseBlock(id) {
    let target = document.getElementById('clause-' + id);
    const builtin = document.querySelector('section.planqa-plan[data-builtin]');
    if (!target && builtin && !id.includes('·')) target = document.getElementById('clause-' + builtin.dataset.plan + '·' + id);
    const section = target && target.closest('section.planqa-plan');
    if (section && section.hidden) showPlan(section.dataset.plan);
    return target;
  }

  // Open the Plan tab at clause `id`, its supporting sentence (`quote`) highlighted.
  function goto(id, quote) {
    const tab = planTabButton();
    if (tab) tab.click();
    let tries = 0;
    const attempt = () => {
      const target = clauseBlock(id);
      if (!target || !target.offsetParent) {
        if (++tries < 40) setTimeout(attempt, 50);
        return;
      }
      unmark();
      for (let d = target; d; d = d.parentElement) { if (d.tagName === 'DETAILS') d.open = true; }
      const body = target.querySelector(':scope > .planqa-text');
      const hit = (body && quote && mark(body, quote)) || null;
      if (!hit) target.classList.add('planqa-flash');
      (hit || target).scrollIntoView({ behavior: 'instant', block: hit ? 'center' : 'start' });
    };
    setTimeout(attempt, 30);
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.planqa-cite-link, a.planqa-goto[data-clause]');
    if (!link || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    // The chatbot's sanitiser drops data-* attributes: then the id is in the href, the sentence in the title.
    const id = link.dataset.clause || decodeURIComponent((link.getAttribute('href') || '').replace(/^#clause-/, ''));
    const title = link.getAttribute('title') || '';
    const quote = link.dataset.quote || (title.includes(TITLE) ? title.slice(title.indexOf(TITLE) + TITLE.length) : '');
    goto(id, quote);
  }, true);

  // ------------------------------------------------------------ Enter while an answer streams
  // Send is disabled while an answer streams (app.py). An Enter then is held, visibly, and sent when
  // the answer is complete; what the user typed is never cleared by the stream (web/handlers.py).
  let held = false;
  function note(show) {
    let el = document.getElementById('planqa-held');
    if (!show) { if (el) el.remove(); return; }
    if (el) return;
    el = document.createElement('div');
    el.id = 'planqa-held';
    el.setAttribute('role', 'status');
    el.textContent = '⏳ 回答完成后将自动发送您的下一个问题。/ Your next question will be sent when this answer is complete.';
    const row = document.getElementById('planqa-ask-row');
    if (row) row.after(el);
  }
  const sendButton = () => $('#planqa-send');
  const busy = () => { const b = sendButton(); return !!(b && b.disabled); };
  document.addEventListener('keydown', (event) => {
    const box = event.target;
    if (!box.closest || !box.closest('#planqa-question') || box.tagName !== 'TEXTAREA') return;
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    if (!busy()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (box.value.trim()) { held = true; note(true); }
  }, true);
  setInterval(() => {
    if (held && !busy()) {
      held = false;
      note(false);
      const b = sendButton();
      if (b) b.click();
    }
  }, 150);

  // ------------------------------------------------------------ copy as plain text
  // The chatbot's copy buttons copy the raw message (Markdown, and the sources' HTML). What reaches
  // the clipboard is made plain: **bold** and tags dropped, each cited clause as one line
  // "[二.2] title — path；責任單位：…", clause markers kept.
  function plain(raw) {
    if (typeof raw !== 'string' || !/[<*_`#]/.test(raw)) return raw;
    const doc = new DOMParser().parseFromString('<body>' + raw + '</body>', 'text/html');
    doc.querySelectorAll('details').forEach((d) => {
      const part = (sel) => (d.querySelector(sel) ? d.querySelector(sel).textContent.trim() : '');
      const summary = part('summary');
      const path = d.querySelector('.planqa-path') ? d.querySelector('.planqa-path').firstChild?.textContent?.trim() || '' : '';
      const units = part('.planqa-units');
      d.replaceWith(doc.createTextNode('\n- ' + summary + (path ? ' — ' + path : '') + (units ? '；' + units : '')));
    });
    doc.querySelectorAll('br').forEach((b) => b.replaceWith(doc.createTextNode('\n')));
    doc.querySelectorAll('b, strong').forEach((b) => b.replaceWith(doc.createTextNode(b.textContent + '\n')));
    let text = doc.body.textContent;
    text = text.replace(/\*\*|__|`/g, '').replace(/^\s{0,3}(#{1,6}\s+|>\s?)/gm, '').replace(/\n{3,}/g, '\n\n');
    return text.trim();
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => write(plain(text));
  }

  // ------------------------------------------------------------ connection lost, in Chinese
  const LOST = '⚠️ 与服务器的连接已断开，请检查网络后刷新页面。/ Connection lost: check the network and reload.';
  function offline(show) {
    let el = document.getElementById('planqa-offline');
    if (!show) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement('div');
      el.id = 'planqa-offline';
      el.setAttribute('role', 'alert');
      el.textContent = LOST;
      document.body.append(el);
    }
  }
  window.addEventListener('offline', () => offline(true));
  window.addEventListener('online', () => offline(false));
  // Gradio's own English messages when the server cannot be reached, translated where they appear.
  const ENGLISH = /(Connection errored out|Lost connection|Connection to the server was lost|Could not resolve app config|Connection lost)/i;
  const translate = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (ENGLISH.test(n.nodeValue) && !n.nodeValue.includes('连接已断开')) {
        n.nodeValue = '与服务器的连接已断开，请检查网络后刷新页面。/ ' + n.nodeValue;
      }
    }
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1) translate(n);
      else if (n.nodeType === 3 && n.parentElement) translate(n.parentElement);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  // ------------------------------------------------------------ focus in the question box on load
  const focusBox = (tries = 0) => {
    const box = $('#planqa-question textarea');
    if (box) { if (document.activeElement === document.body || !document.activeElement) box.focus(); return; }
    if (tries < 100) setTimeout(() => focusBox(tries + 1), 100);
  };
  window.addEventListener('load', () => focusBox());

  window.planqa = { goto, plain, mark, showPlan };
})();
