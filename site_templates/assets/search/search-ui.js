/*
 * autoproces catalogue search: the page (form, facets, results, pages). Started by the loader in the
 * search page once the reader focuses the search field or arrives with a search in the address.
 *
 * Everything from the data is put on the page with textContent and createElement, never as HTML.
 * The whole search (words, filters, sort, page) lives in the address, so a search can be bookmarked
 * and shared; each change is a step in the browser's history (history.pushState; a burst of typing
 * is one step), so Back and Forward walk through the searches. While any index, the vocabulary of
 * compound words or the sort figures a search needs are still loading, the status says "Søger …" and
 * no result count is shown.
 *
 * The facets come after the results: they are fetched once the results are shown and the reader has
 * paused (FACETS_AFTER_MS), so typing is answered first; the facets an address selects come before
 * the results (each facet is a file of its own). data-results is "shown" once the results of the current search are on the page; data-state
 * is "ready" once the facets are too.
 */
(function () {
  "use strict";

  var Search = window.AutoprocesSearch;
  var DEBOUNCE_MS = 150;
  var FACETS_AFTER_MS = 300;
  var SHORT_LIST = 8;
  var SORT_LABELS = [
    ["relevans", "Relevans"],
    ["opdateret", "Senest opdateret"],
    ["titel", "Titel (A–Å)"],
    ["timer", "Forventet årlig tidsbesparelse"]
  ];
  var numberFormat = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 0 });
  var dateFormat = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  var SEARCHING = "Søger …";

  function countText(n) {
    if (n === 0) return "Ingen processer fundet";
    return numberFormat.format(n) + (n === 1 ? " proces fundet" : " processer fundet");
  }

  function SearchPage(root) {
    this.root = root;
    this.input = root.querySelector("#ap-search-q");
    this.form = root.querySelector("#ap-search-form");
    this.status = root.querySelector("#ap-search-status");
    this.body = root.querySelector("#ap-search-body");
    this.dataBase = root.getAttribute("data-data");
    this.engine = null;
    this.state = null;
    this.run = 0;
    this.timer = null;
    this.typing = false; // the last address change came from typing (the next keystroke replaces it)
    this.expanded = {}; // facet key -> true when "show all" is open
    this.openNodes = {}; // KLE code -> true when its children are shown
  }

  SearchPage.prototype.fetchJson = function (name) {
    var url = this.dataBase + name;
    var options = name === "manifest.json" ? { cache: "no-cache" } : {};
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  };

  SearchPage.prototype.start = function () {
    var self = this;
    this.fetchJson("manifest.json").then(function (manifest) {
      self.engine = new Search.Engine(manifest, {
        lunr: window.lunr,
        fetchJson: self.fetchJson.bind(self)
      });
      self.state = self.engine.parseState(window.location.search);
      if (self.state.q && !self.input.value) self.input.value = self.state.q;
      self.state.q = self.input.value;
      self.writeUrl("replace");
      self.buildSkeleton();
      self.input.addEventListener("input", function () {
        self.root.setAttribute("data-state", "busy");
        self.root.setAttribute("data-results", "busy");
        self.status.textContent = SEARCHING;
        self.typedAfter = self.run; // the reader is typing: the facets wait for the search it starts
        clearTimeout(self.timer);
        self.timer = setTimeout(function () {
          self.update({ q: self.input.value, page: 1 }, "type");
        }, DEBOUNCE_MS);
      });
      self.form.addEventListener("submit", function () {
        clearTimeout(self.timer);
        self.update({ q: self.input.value, page: 1 });
      });
      window.addEventListener("popstate", function () { self.restore(); });
      self.body.hidden = false;
      self.refresh();
    }).catch(function () {
      self.status.textContent = "Søgningen kunne ikke indlæses. Prøv at genindlæse siden.";
    });
  };

  /* Back or Forward: show the search the address holds now. */
  SearchPage.prototype.restore = function () {
    var state = this.engine.parseState(window.location.search);
    if (this.engine.stateToSearch(state) === this.engine.stateToSearch(this.state)) return; // only the #hash moved
    clearTimeout(this.timer);
    this.typing = false;
    this.state = state;
    this.input.value = state.q;
    this.refresh();
  };

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

  SearchPage.prototype.effectiveSort = function () {
    if (this.state.sort) {
      if (this.state.sort === "relevans" && !this.words.length) return "titel";
      return this.state.sort;
    }
    return this.words.length ? "relevans" : "titel";
  };

  /* Change the state, write it into the address and search again. `how`: "push" (default: a new
   * step in the history), "type" (typing: the first keystroke of a burst pushes, the rest replace). */
  SearchPage.prototype.update = function (change, how) {
    var state = this.state;
    Object.keys(change).forEach(function (k) { state[k] = change[k]; });
    var typing = how === "type";
    this.writeUrl(typing && this.typing ? "replace" : "push");
    this.typing = typing;
    this.refresh();
  };

  SearchPage.prototype.writeUrl = function (how) {
    var search = this.engine.stateToSearch(this.state);
    if (how === "push" && search === window.location.search) return; // nothing new to go back to
    var url = window.location.pathname + search;
    if (how === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url + window.location.hash);
  };

  /* Load everything the search needs (the indexes of its words, the vocabulary of compound words,
   * the facets, sort figures when the sort needs them), then show the results, never before: a count
   * or "no results" shown early could be contradicted by an index that answers later. */
  SearchPage.prototype.refresh = function () {
    var self = this;
    var engine = this.engine;
    var run = ++this.run;
    var current = function () { return run === self.run; };
    this.root.setAttribute("data-state", "busy"); // "ready" once the results are shown (tests wait for it)
    this.status.textContent = SEARCHING;
    this.list.setAttribute("aria-busy", "true");
    this.words = Search.parseQuery(this.state.q, engine.stopWords);
    var words = this.words;
    var sort = this.effectiveSort();
    var indexNames = words.length ? ["kort", "fuld"] : ["kort"];
    this.root.setAttribute("data-results", "busy");
    var needs = indexNames.map(function (name) { return engine.prepare(words, name); });
    // A selection needs its facets to filter; the others follow the results (showFacetsLater).
    needs.push(engine.loadFacets(engine.selectedFacets(this.state)));
    if (engine.needsSort(sort)) needs.push(engine.loadSort(sort));
    var failed = function () {
      if (!current()) return;
      self.list.removeAttribute("aria-busy");
      self.status.textContent = "Søgningen kunne ikke indlæses. Prøv at genindlæse siden.";
      self.root.setAttribute("data-state", "failed");
    };
    Promise.all(needs)
      .then(function () {
        if (!current()) return null;
        return self.show(indexNames, run);
      })
      .then(function () {
        if (!current()) return;
        self.list.removeAttribute("aria-busy");
        self.root.setAttribute("data-results", "shown");
        if (engine.facets) self.root.setAttribute("data-state", "ready");
        else self.showFacetsLater(run, failed);
      })
      .catch(failed);
  };

  /* Fetch the facets once the reader pauses after the results of search `run`, then show them. */
  SearchPage.prototype.showFacetsLater = function (run, failed) {
    var self = this;
    setTimeout(function () {
      if (run !== self.run || self.typedAfter === run) return; // a newer search shows them when it is done
      self.engine.loadFacets().then(function () {
        if (run !== self.run) return;
        self.renderFacets(self.engine.filter(self.candidates, self.state.selection).counts);
        self.root.setAttribute("data-state", "ready");
      }).catch(failed);
    }, FACETS_AFTER_MS);
  };

  /* Compute the results with the given indexes and put them on the page. */
  SearchPage.prototype.show = function (indexNames, run) {
    var self = this;
    var engine = this.engine;
    var scores = engine.match(this.words, indexNames);
    var candidates;
    if (scores === null) {
      candidates = [];
      for (var i = 0; i < engine.manifest.count; i++) candidates.push(i);
    } else {
      candidates = Array.from(scores.keys());
    }
    this.candidates = candidates;
    var filtered = engine.filter(candidates, this.state.selection);
    var sort = this.effectiveSort();
    var ordered = engine.sort(filtered.docs, scores, sort);
    var size = engine.manifest.pageSize;
    var pages = Math.max(1, Math.ceil(ordered.length / size));
    var page = Math.min(this.state.page, pages);
    if (page !== this.state.page) {
      this.state.page = page; // an address with a page past the end shows the last page
      this.writeUrl("replace");
    }
    var shown = ordered.slice((page - 1) * size, page * size);
    return engine.documents(shown).then(function (docs) {
      if (run !== self.run) return;
      self.status.textContent = countText(ordered.length);
      self.sortSelect.value = sort;
      self.renderResults(shown, docs, sort);
      self.renderPager(page, pages);
      if (engine.facets) self.renderFacets(filtered.counts);
    });
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

  /* --- Facets ------------------------------------------------------------------------------- */

  SearchPage.prototype.renderFacets = function (counts) {
    var self = this;
    var focused = document.activeElement && this.filters.contains(document.activeElement) ? document.activeElement.id : null;
    clear(this.filtersBox);
    var selection = this.state.selection;
    if (this.engine.hasSelection(this.state)) {
      var reset = el("button", { type: "button", className: "md-button ap-filters__reset", id: "ap-filter-reset",
        text: "Ryd alle filtre" });
      reset.addEventListener("click", function () {
        self.update({ selection: {}, page: 1 });
        self.input.focus();
      });
      this.filtersBox.appendChild(reset);
    }
    this.engine.facets.forEach(function (facet) {
      var node = facet.kind === "tree"
        ? self.treeFacet(facet, counts[facet.key], selection[facet.key] || [])
        : self.listFacet(facet, counts[facet.key], selection[facet.key] || []);
      if (node) self.filtersBox.appendChild(node);
    });
    if (focused) {
      var again = document.getElementById(focused);
      if (again) again.focus();
    }
  };

  SearchPage.prototype.toggle = function (facetKey, code, on) {
    var selection = {};
    var current = this.state.selection;
    Object.keys(current).forEach(function (k) { selection[k] = current[k].slice(); });
    var codes = selection[facetKey] || [];
    codes = codes.filter(function (c) { return c !== code; });
    if (on) codes.push(code);
    if (codes.length) selection[facetKey] = codes;
    else delete selection[facetKey];
    this.update({ selection: selection, page: 1 });
  };

  SearchPage.prototype.checkbox = function (facet, index, count, checked) {
    var self = this;
    var code = facet.codes[index];
    var id = "ap-f-" + facet.key + "-" + index;
    var box = el("input", { type: "checkbox", id: id, value: code, checked: checked });
    box.checked = checked;
    box.addEventListener("change", function () { self.toggle(facet.key, code, box.checked); });
    var label = el("label", { "for": id }, [
      el("span", { className: "ap-facet__label", text: facet.values[index][1] }),
      " ",
      el("span", { className: "ap-facet__count", text: "(" + numberFormat.format(count) + ")" })
    ]);
    return el("div", { className: "ap-facet__option" }, [box, label]);
  };

  SearchPage.prototype.listFacet = function (facet, counts, selected) {
    var self = this;
    var indexes = [];
    for (var i = 0; i < facet.codes.length; i++) {
      if (counts[i] > 0 || selected.indexOf(facet.codes[i]) >= 0) indexes.push(i);
    }
    if (!indexes.length) return null;
    if (facet.codes.length > 10) {
      indexes.sort(function (a, b) { return (counts[b] - counts[a]) || a - b; });
    }
    var open = !!this.expanded[facet.key];
    var long = indexes.length > SHORT_LIST + 2;
    var visible = open || !long ? indexes : indexes.slice(0, SHORT_LIST);
    // A chosen value is always visible.
    indexes.forEach(function (i) {
      if (selected.indexOf(facet.codes[i]) >= 0 && visible.indexOf(i) < 0) visible.push(i);
    });
    var list = el("ul", { className: "ap-facet__list" });
    visible.forEach(function (i) {
      list.appendChild(el("li", {}, [self.checkbox(facet, i, counts[i], selected.indexOf(facet.codes[i]) >= 0)]));
    });
    var fieldset = el("fieldset", { className: "ap-facet", id: "ap-facet-" + facet.key }, [
      el("legend", { className: "ap-facet__legend", text: facet.label }),
      list
    ]);
    if (long) {
      var more = el("button", { type: "button", className: "ap-facet__more", id: "ap-facet-more-" + facet.key,
        "aria-expanded": open ? "true" : "false",
        text: open ? "Vis færre" : "Vis alle " + numberFormat.format(indexes.length) });
      more.addEventListener("click", function () {
        self.expanded[facet.key] = !open;
        self.renderFacets(self.lastCounts);
      });
      fieldset.appendChild(more);
    }
    return fieldset;
  };

  SearchPage.prototype.treeFacet = function (facet, counts, selected) {
    var self = this;
    var children = {};
    facet.codes.forEach(function (code, i) {
      var dot = code.lastIndexOf(".");
      var parent = dot < 0 ? "" : code.slice(0, dot);
      (children[parent] = children[parent] || []).push(i);
    });
    var visible = function (i) { return counts[i] > 0 || selected.indexOf(facet.codes[i]) >= 0; };
    var build = function (parent) {
      var items = (children[parent] || []).filter(visible);
      if (!items.length) return null;
      var list = el("ul", { className: "ap-facet__list ap-facet__tree" });
      items.forEach(function (i) {
        var code = facet.codes[i];
        var kids = (children[code] || []).filter(visible);
        var row = self.checkbox(facet, i, counts[i], selected.indexOf(code) >= 0);
        var item = el("li", {}, [row]);
        if (kids.length) {
          var open = !!self.openNodes[code];
          var button = el("button", { type: "button", className: "ap-facet__toggle", id: "ap-kle-toggle-" + i,
            "aria-expanded": open ? "true" : "false",
            "aria-label": (open ? "Skjul" : "Vis") + " underliggende emner for " + facet.values[i][1] });
          button.textContent = open ? "−" : "+";
          button.addEventListener("click", function () {
            self.openNodes[code] = !open;
            self.renderFacets(self.lastCounts);
          });
          row.insertBefore(button, row.firstChild);
          if (open) item.appendChild(build(code));
        }
        list.appendChild(item);
      });
      return list;
    };
    var tree = build("");
    if (!tree) return null;
    return el("fieldset", { className: "ap-facet ap-facet--tree", id: "ap-facet-" + facet.key }, [
      el("legend", { className: "ap-facet__legend", text: facet.label }),
      tree
    ]);
  };

  var renderFacets = SearchPage.prototype.renderFacets;
  SearchPage.prototype.renderFacets = function (counts) {
    this.lastCounts = counts;
    return renderFacets.call(this, counts);
  };

  window.AutoprocesSearchUI = {
    start: function (root) {
      if (root.__autoprocesSearch) return root.__autoprocesSearch;
      var page = new SearchPage(root);
      root.__autoprocesSearch = page;
      page.start();
      return page;
    }
  };
})();
