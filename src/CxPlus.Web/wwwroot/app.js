// What the reading pages do in the browser. They are rendered on the server per request, without
// a circuit (ADR 0008), so pointing at a chart, choosing from a picker or typing a brand's name is
// handled here, by delegation on the document: enhanced navigation replaces the page's content,
// never these listeners.
(() => {
  'use strict';

  // Go to a page of the app: an enhanced navigation when Blazor offers one, else a page load.
  const go = href => (window.Blazor && typeof window.Blazor.navigateTo === 'function') ? window.Blazor.navigateTo(href) : location.assign(href);

  // Figures: pointing at a point, or moving to it with Tab, shows its numbers below the figure and
  // picks out its series (the others fade, its labels turn bold); leaving the figure resets both.
  const pointOf = target => target instanceof Element ? target.closest('.figure-point') : null;
  function show(box, point) {
    const detail = box.querySelector('.figure-detail');
    if (detail) detail.textContent = point ? point.getAttribute('aria-label') || '' : detail.dataset.hint || '';
    const group = point ? point.dataset.group : undefined;
    for (const part of box.querySelectorAll('svg [data-group]')) {
      part.classList.toggle('figure-faded', !!group && part.dataset.group !== group);
      part.classList.toggle('figure-picked', !!group && part.dataset.group === group);
    }
  }
  function enter(event) {
    const point = pointOf(event.target);
    const box = point && point.closest('.figure-box');
    if (box) show(box, point);
  }
  function leave(event) {
    const box = event.target instanceof Element ? event.target.closest('.figure-box') : null;
    if (box && !(event.relatedTarget instanceof Node && box.contains(event.relatedTarget) && pointOf(event.relatedTarget))) show(box, null);
  }
  document.addEventListener('mouseover', enter);
  document.addEventListener('focusin', enter);
  document.addEventListener('mouseout', event => { if (pointOf(event.target)) leave(event); });
  document.addEventListener('focusout', event => { if (pointOf(event.target)) leave(event); });

  // Pickers whose options are pages (sector, wave, filter): choosing one opens it.
  document.addEventListener('change', event => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute('data-navigate') && select.value) go(select.value);
  });

  // The phone menu closes when one of its links is followed, on Escape, and on a click elsewhere.
  document.addEventListener('click', event => {
    for (const menu of document.querySelectorAll('details.nav-menu[open]')) {
      if (!menu.contains(event.target) || (event.target instanceof Element && event.target.closest('a'))) menu.removeAttribute('open');
    }
  });
  document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') return;
    for (const menu of document.querySelectorAll('details.nav-menu[open]')) {
      menu.removeAttribute('open');
      menu.querySelector('summary')?.focus();
    }
  });

  // Sections below the table come after the page (LaterPart.razor): once the page is painted, the
  // address each placeholder names (data-href: the page with every part) is fetched and each
  // placeholder replaced by its part's body (matched by the part's name: if the store changed in
  // between, the body carries the new key). A newer page (another enhanced navigation) makes an
  // older fetch's answer moot. If the fetch fails (the server gone, the session ended), each
  // placeholder becomes that link.
  let laterRun = 0;
  async function fillLater() {
    const run = ++laterRun;
    const pending = [...document.querySelectorAll('[data-part][data-pending]')];
    if (pending.length === 0) return;
    // After the frame: the page is on screen first, and the scroll position is read without forcing
    // a layout in the middle of the navigation.
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)));
    const scrolled = window.scrollY;
    const url = new URL(pending[0].dataset.href, location.href);
    url.hash = '';
    let parts = null;
    try {
      const response = await fetch(url, { headers: { Accept: 'text/html' } });
      if (response.ok && !response.redirected) parts = new DOMParser().parseFromString(await response.text(), 'text/html');
    } catch { /* each placeholder becomes a link below */ }
    if (run !== laterRun) return;
    for (const placeholder of pending) {
      if (!placeholder.isConnected) continue;
      const body = parts?.querySelector(`[data-part="${CSS.escape(placeholder.dataset.part)}"]:not([data-pending])`);
      if (body) {
        placeholder.replaceWith(body);
        continue;
      }
      const link = Object.assign(document.createElement('a'), { href: placeholder.dataset.href, textContent: placeholder.dataset.title });
      placeholder.replaceChildren(link);
      placeholder.removeAttribute('data-permanent'); // the next visit to the page asks again
      placeholder.removeAttribute('data-pending');
      placeholder.removeAttribute('aria-busy');
      placeholder.style.minHeight = '';
    }
    // A link to a section (#factors) landed before the parts above it had their height: land again,
    // unless the reader has scrolled since (or the browser's scroll anchoring has kept it in place).
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && window.scrollY === scrolled) target.scrollIntoView();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fillLater); else fillLater();
  window.Blazor?.addEventListener('enhancedload', fillLater);

  // Brand search: while someone types, up to a dozen names from /search/brands fill the box's list;
  // choosing one that names one brand opens it, else the search page lists the matches.
  const suggested = new WeakMap();
  let timer = 0;
  document.addEventListener('input', event => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.suggest) return;
    const chosen = (suggested.get(input) || []).filter(s => s.value === input.value);
    if (chosen.length > 0 && event.inputType !== 'insertText' && event.inputType !== 'deleteContentBackward') {
      if (chosen.length === 1) go(chosen[0].href); else input.form?.requestSubmit();
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = input.value.trim();
      const list = input.list;
      if (!list) return;
      if (!text) { list.replaceChildren(); suggested.set(input, []); return; }
      try {
        const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(text)}`, { headers: { Accept: 'application/json' } });
        if (!response.ok || input.value.trim() !== text) return;
        const suggestions = await response.json();
        suggested.set(input, suggestions);
        list.replaceChildren(...suggestions.map(s => Object.assign(document.createElement('option'), { value: s.value, label: s.label })));
      } catch { /* no suggestions: the search page still answers */ }
    }, 120);
  });
})();

// A filter box narrows a long list of labelled checkboxes (the compare page of a large sector) as it is typed in.
document.addEventListener('input', event => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.filterLabels) return;
  const list = document.getElementById(box.dataset.filterLabels);
  if (!list) return;
  const text = box.value.trim().toLocaleLowerCase();
  for (const label of list.querySelectorAll('label'))
    label.hidden = text.length > 0 && !label.textContent.toLocaleLowerCase().includes(text);
});

// The language switcher returns to the page as it is now (an interactive page may have changed its address since it was drawn).
document.addEventListener('submit', event => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains('language-switch') && form.elements.returnUrl)
    form.elements.returnUrl.value = location.pathname + location.search;
});
