// newsline article page: show a quote's or date's details on hover and keyboard focus.
// Reads data-* attributes (already escaped by the server) and writes them with textContent only.
"use strict";
(function () {
  const tip = document.getElementById("tip");
  if (!tip) return;
  function rows(el) {
    const d = el.dataset;
    if (d.speaker !== undefined) {
      return [["speaker", d.speaker], ["cue", d.cue || "–"], ["kind", d.kind], ["confidence", d.confidence]];
    }
    return [["resolves to", d.value], ["anchor", d.anchor]];
  }
  function show(event) {
    const el = event.target.closest(".quote, .timex");
    if (!el) return;
    tip.replaceChildren();
    for (const [key, value] of rows(el)) {
      const row = document.createElement("div");
      const k = document.createElement("span");
      k.className = "k";
      k.textContent = key;
      row.append(k, document.createTextNode(" " + value));
      tip.append(row);
    }
    if (el.dataset.quote) {
      document.querySelectorAll(".quote.active").forEach((q) => q.classList.remove("active"));
      document.querySelectorAll('.quote[data-quote="' + CSS.escape(el.dataset.quote) + '"]')
        .forEach((q) => q.classList.add("active"));
    }
    const box = el.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8)) + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
    event.stopPropagation();
  }
  function hide(event) {
    if (event.relatedTarget && event.relatedTarget.closest && event.relatedTarget.closest(".quote, .timex")) return;
    tip.hidden = true;
    document.querySelectorAll(".quote.active").forEach((q) => q.classList.remove("active"));
  }
  const text = document.querySelector(".article-text");
  // a link to a quote (an entity page's "in the article"): /articles/ID#quote-q3 marks and shows its place
  const linked = /^#quote-(.+)$/.exec(window.location.hash);
  if (linked) {
    const parts = document.querySelectorAll('.quote[data-quote="' + CSS.escape(decodeURIComponent(linked[1])) + '"]');
    parts.forEach((q) => q.classList.add("linked"));
    if (parts.length) parts[0].scrollIntoView({block: "center"});
  }
  text.addEventListener("mouseover", show);
  text.addEventListener("focusin", show);
  text.addEventListener("mouseout", hide);
  text.addEventListener("focusout", hide);
})();
