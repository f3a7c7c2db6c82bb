// Sổ tay: suggestions as you type and keyboard shortcuts. Every page works
// without this file; it only makes finding things quicker.
//
//   Search boxes   an ARIA combobox: suggestions from /api/suggest while
//                  typing; ↓ ↑ move, Enter chooses, Esc closes.
//   /              focuses the search box from any page.
//   j k            on a results page: next / previous result (Enter opens).
(function () {
  'use strict';

  var DELAY_MS = 120;
  var MIN_CHARS = 2;

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }

  function combobox(input, n) {
    var form = input.form;
    if (!form) return;
    var listId = 'goi-y-' + n;
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggest-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Gợi ý tìm kiếm');
    list.hidden = true;
    form.classList.add('has-suggest');
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    var items = [];
    var active = -1;
    var timer = 0;
    var asked = 0;
    var shownFor = null;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function open() {
      if (!items.length) return close();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function mark(i) {
      var options = list.children;
      for (var k = 0; k < options.length; k++) {
        options[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
      }
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function choose(i) {
      var s = items[i];
      if (!s) return;
      close();
      // A document, a section or a document number opens it; a phrase or an
      // abbreviation is searched for.
      if ((s.kind === 'title' || s.kind === 'heading' || s.kind === 'number') && s.url) {
        window.location.href = s.url;
        return;
      }
      input.value = s.text;
      form.submit();
    }

    function render(data, query) {
      list.textContent = '';
      items = data;
      shownFor = query;
      data.forEach(function (s, i) {
        var li = document.createElement('li');
        li.id = listId + '-' + i;
        li.className = 'suggest-item kind-' + s.kind;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var main = document.createElement('span');
        main.className = 'suggest-main';
        var text = document.createElement('span');
        text.className = 'suggest-text';
        text.textContent = s.text;
        main.appendChild(text);
        if (s.detail) {
          // The document of a heading ("trong …"), the expansion of an abbreviation.
          var detail = document.createElement('span');
          detail.className = 'suggest-detail';
          detail.textContent = (s.kind === 'heading' ? 'trong: ' : '') + s.detail;
          main.appendChild(detail);
        }
        var kind = document.createElement('span');
        kind.className = 'suggest-kind';
        kind.textContent = s.label || '';
        li.appendChild(main);
        li.appendChild(kind);
        li.addEventListener('mousedown', function (e) {
          e.preventDefault();  // keep the focus in the box
          choose(i);
        });
        list.appendChild(li);
      });
      active = -1;
      open();
    }

    function ask() {
      var q = input.value;
      if (q.trim().length < MIN_CHARS) {
        items = [];
        shownFor = null;
        close();
        return;
      }
      if (q === shownFor) return open();
      var mine = ++asked;
      fetch('/api/suggest?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) {
          if (mine !== asked || document.activeElement !== input) return;
          render(Array.isArray(data) ? data : [], q);
        })
        .catch(function () { /* suggestions are optional */ });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (list.hidden) { ask(); return; }
        mark(active + 1 >= items.length ? 0 : active + 1);
      } else if (e.key === 'ArrowUp') {
        if (list.hidden) return;
        e.preventDefault();
        mark(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === 'Enter') {
        if (!list.hidden && active >= 0) {
          e.preventDefault();
          choose(active);
        }
      } else if (e.key === 'Escape') {
        if (!list.hidden) {
          e.preventDefault();
          close();
        }
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  function searchBox() {
    return document.querySelector('form[role="search"] input[name="q"]');
  }

  // j / k walk the results; Enter follows the focused link.
  function walkResults(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll('.result-title a'));
    if (!links.length) return false;
    var at = links.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : links.length - 1) : at + step;
    if (next < 0 || next >= links.length) return true;
    var old = document.querySelector('.result.kb-current');
    if (old) old.classList.remove('kb-current');
    var result = links[next].closest('.result');
    if (result) result.classList.add('kb-current');
    links[next].focus();
    links[next].scrollIntoView({ block: 'nearest' });
    return true;
  }

  function init() {
    var boxes = document.querySelectorAll('form[role="search"] input[name="q"]');
    for (var i = 0; i < boxes.length; i++) combobox(boxes[i], i);
    var hint = document.querySelector('.kbd-hint');
    if (hint) hint.hidden = false;
    document.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '/') {
        var box = searchBox();
        if (!box) return;
        e.preventDefault();
        box.focus();
        box.select();
      } else if (e.key === 'j' || e.key === 'k') {
        if (walkResults(e.key === 'j' ? 1 : -1)) e.preventDefault();
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
