// Filters the rows of a reference-list page as the reader types: every word must occur in the row's
// code or text (folded like the server side: lower case, æ=ae, ø=oe, å=aa, no accents).
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFC").toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  var input = document.getElementById("ap-filter");
  var status = document.getElementById("ap-filter-count");
  if (!input || !status) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-search]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-ap-section]")).reverse();
  var initial = status.textContent;
  var timer = null;
  function apply() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !hit;
      if (hit) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = words.length > 0 && !section.querySelector("tr[data-search]:not([hidden])");
    });
    status.textContent = words.length ? shown + (shown === 1 ? " post passer" : " poster passer") + " til søgningen." : initial;
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
})();
