// Suggestions while typing in the search box (an ARIA combobox). Without this script the box is a
// plain search form; with it, each keystroke asks /api/terms for the best matching terms.
(function () {
  "use strict";
  const input = document.querySelector("input[data-suggest]");
  if (!input) return;
  const list = document.createElement("ul");
  list.id = "q-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  let active = -1, timer = null, asked = 0;

  function termUrl(term) {
    const lang = new URLSearchParams(location.search).get("lang");
    return input.dataset.termLink + encodeURIComponent(term) + (lang ? "?lang=" + lang : "");
  }

  function close() {
    list.hidden = true; list.replaceChildren(); active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function mark(option, text, spans) {
    let cursor = 0;
    for (const [start, end] of spans) {
      if (start < cursor) continue;
      option.append(text.slice(cursor, start));
      const m = document.createElement("mark");
      m.textContent = text.slice(start, end);
      option.append(m);
      cursor = end;
    }
    option.append(text.slice(cursor));
  }

  function show(results) {
    list.replaceChildren();
    results.forEach(function (r, i) {
      const option = document.createElement("li");
      option.id = "q-option-" + i;
      option.setAttribute("role", "option");
      option.dataset.href = termUrl(r.term);
      // Labels and names in <bdi>, as on the pages: a bidi control in them stays inside.
      const label = document.createElement("bdi");
      // Highlight only a match on the label shown: a word can match through its label in the
      // other language, and a Dutch page must still suggest the Dutch word.
      if (r.match.text === r.label && (r.match.field === "prefLabel" || r.match.field === "altLabel")) {
        mark(label, r.match.text, r.match.spans);
      } else {
        label.textContent = r.label;
      }
      option.append(label);
      if (r.organisations.length) {
        const small = document.createElement("span");
        small.className = "hint";
        small.append(" · ");
        r.organisations.forEach(function (o, i) {
          const name = document.createElement("bdi");
          name.textContent = o.name;
          if (i) small.append(", ");
          small.append(name);
        });
        option.append(small);
      }
      option.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = option.dataset.href; });
      list.append(option);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", String(results.length > 0));
  }

  function select(index) {
    const options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute("aria-selected", String(i === active)); });
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(function () {
      const ticket = ++asked;
      const url = input.dataset.suggest + "?limit=8&lang=" + input.dataset.lang + "&q=" + encodeURIComponent(q);
      fetch(url).then(function (r) { return r.ok ? r.json() : { results: [] }; }).then(function (data) {
        if (ticket === asked) show(data.results);
      }).catch(close);
    }, 80);
  });

  input.addEventListener("keydown", function (e) {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { e.preventDefault(); select(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(active - 1); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      location.href = list.querySelectorAll("[role=option]")[active].dataset.href;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
