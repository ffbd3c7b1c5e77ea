/*
 * autoproces catalogue search, page part 3 of 4: the results. The page's frame (filters, sort, list,
 * pages), one entry per result and the links to the other pages of results.
 */
(function (UI) {
  "use strict";

  var SearchPage = UI.SearchPage;
  var el = UI.el;
  var clear = UI.clear;
  var numberFormat = UI.numberFormat;
  var dateFormat = UI.dateFormat;
  var SORT_LABELS = [
    ["relevans", "Relevans"],
    ["opdateret", "Senest opdateret"],
    ["titel", "Titel (A–Å)"],
    ["timer", "Forventet årlig tidsbesparelse"]
  ];

  SearchPage.prototype.buildSkeleton = function () {
    var self = this;
    clear(this.body);
    // A disclosure, so that on a phone the filters can be folded away above the results.
    var narrow = window.matchMedia && window.matchMedia("(max-width: 45em)").matches;
    this.filters = el("details", { className: "ap-filters", id: "ap-search-filters", open: !narrow });
    this.filtersHeading = el("summary", { className: "ap-filters__heading" }, [el("h2", { text: "Filtre" })]);
    this.filtersBox = el("div", { className: "ap-filters__box" }, [
      el("p", { className: "ap-filters__loading", text: "Henter filtre …" })
    ]);
    this.filters.appendChild(this.filtersHeading);
    this.filters.appendChild(this.filtersBox);

    this.sortSelect = el("select", { id: "ap-search-sort", className: "ap-sort__select" });
    SORT_LABELS.forEach(function (pair) {
      self.sortSelect.appendChild(el("option", { value: pair[0], text: pair[1] }));
    });
    this.sortSelect.addEventListener("change", function () {
      self.update({ sort: self.sortSelect.value, page: 1 });
    });
    this.resultsHeading = el("h2", { className: "ap-results__heading", id: "ap-search-results-heading",
      tabindex: "-1", text: "Resultater" });
    this.list = el("ol", { className: "ap-results__list", id: "ap-search-results",
      "aria-labelledby": "ap-search-results-heading" });
    this.pager = el("nav", { className: "ap-pager", "aria-label": "Sider med resultater" });
    var results = el("div", { className: "ap-results" }, [
      el("div", { className: "ap-results__bar" }, [
        this.resultsHeading,
        el("div", { className: "ap-sort" }, [
          el("label", { "for": "ap-search-sort", text: "Sortér efter" }),
          this.sortSelect
        ])
      ]),
      this.list,
      this.pager
    ]);
    this.body.appendChild(this.filters);
    this.body.appendChild(results);
    this.input.setAttribute("aria-controls", "ap-search-results"); // only now does the list exist
  };

  /* One result: title (link), the facts a reader scans for (organisation, phase, hours freed per year,
   * who validated it), whatever the sort, and the résumé. doc = [id, title, résumé, organisation, phase,
   * hours or null, [validators]]. */
  SearchPage.prototype.renderResults = function (numbers, docs, sort) {
    var self = this;
    var columns = this.engine.sortColumns;
    clear(this.list);
    docs.forEach(function (doc, i) {
      var facts = el("ul", { className: "ap-result__facts" });
      var fact = function (kind, label, value) {
        if (value === null || value === undefined || value === "") return;
        facts.appendChild(el("li", { className: "ap-result__fact ap-result__fact--" + kind }, [
          el("span", { className: "ap-result__fact-label", text: label + ": " }), String(value)
        ]));
      };
      fact("org", "Organisation", doc[3]);
      fact("phase", "Fase", doc[4]);
      fact("hours", "Frigjorte timer om året",
        doc[5] === null || doc[5] === undefined ? "ikke opgjort" : numberFormat.format(doc[5]));
      if (doc[6] && doc[6].length) fact("validated", "Valideret af", doc[6].join(", "));
      var n = numbers[i];
      if (sort === "opdateret" && columns && columns.updated && columns.updated[n] !== null) {
        fact("updated", "Opdateret", dateFormat.format(new Date(columns.updated[n] * 86400000)));
      }
      var link = el("a", { href: self.engine.processUrl(doc[0]), text: doc[1] });
      self.list.appendChild(el("li", { className: "ap-result" }, [
        el("h3", { className: "ap-result__title" }, [link]),
        facts,
        el("p", { className: "ap-result__resume", text: doc[2] })
      ]));
    });
    if (!docs.length) {
      this.list.appendChild(el("li", { className: "ap-result ap-result--empty",
        text: "Ingen processer passer til søgningen. Prøv et andet ord, eller fjern et filter." }));
    }
  };

  SearchPage.prototype.renderPager = function (page, pages) {
    var self = this;
    clear(this.pager);
    if (pages <= 1) return;
    var list = el("ul", { className: "ap-pager__list" });
    var add = function (label, target, current, aria) {
      var item;
      if (target === null) {
        item = el("span", { className: "ap-pager__gap", text: label, "aria-hidden": "true" });
      } else if (current) {
        item = el("a", { className: "ap-pager__link ap-pager__link--current", "aria-current": "page",
          href: self.pageHref(target), text: label });
      } else {
        item = el("a", { className: "ap-pager__link", href: self.pageHref(target), text: label, "aria-label": aria });
        item.addEventListener("click", function (event) {
          event.preventDefault();
          self.update({ page: target });
          self.resultsHeading.focus();
          self.resultsHeading.scrollIntoView({ block: "start" });
        });
      }
      list.appendChild(el("li", {}, [item]));
    };
    if (page > 1) add("Forrige", page - 1, false, "Forrige side");
    var last = 0;
    for (var p = 1; p <= pages; p++) {
      if (p === 1 || p === pages || Math.abs(p - page) <= 2) {
        if (p - last > 1) add("…", null);
        add(String(p), p, p === page, "Side " + p);
        last = p;
      }
    }
    if (page < pages) add("Næste", page + 1, false, "Næste side");
    this.pager.appendChild(list);
  };

  SearchPage.prototype.pageHref = function (page) {
    var state = {};
    var current = this.state;
    Object.keys(current).forEach(function (k) { state[k] = current[k]; });
    state.page = page;
    return this.engine.stateToSearch(state) || "?";
  };
})(window.AutoprocesSearchUI = window.AutoprocesSearchUI || {});
