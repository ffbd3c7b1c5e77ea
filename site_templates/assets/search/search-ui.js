/*
 * autoproces catalogue search, page part 2 of 4: the page (form, searching, the address). Started by
 * the loader in the search page once the reader focuses the search field or arrives with a search in
 * the address. Parts 3 and 4 (search-ui-results.js, search-ui-facets.js) draw the results and facets.
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
(function (UI) {
  "use strict";

  var Search = window.AutoprocesSearch;
  var numberFormat = UI.numberFormat;
  var DEBOUNCE_MS = 150;
  var FACETS_AFTER_MS = 300;

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
        self.prefetch(self.input.value);
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

  SearchPage.prototype.effectiveSort = function () {
    return sortOf(this.state, this.words);
  };

  function sortOf(state, words) {
    if (state.sort) {
      if (state.sort === "relevans" && !words.length) return "titel";
      return state.sort;
    }
    return words.length ? "relevans" : "titel";
  }

  /* What a search needs before its results: the index files of its words (with the vocabulary of
   * compound words), the facets it selects and the sort figure of its sort. */
  SearchPage.prototype.needs = function (words, state, indexNames) {
    var engine = this.engine;
    var needs = indexNames.map(function (name) { return engine.prepare(words, name, indexNames); });
    needs.push(engine.loadFacets(engine.selectedFacets(state)));
    var sort = sortOf(state, words);
    if (engine.needsSort(sort)) needs.push(engine.loadSort(sort));
    return Promise.all(needs);
  };

  /* In the pause after a keystroke, download what the search of the text typed so far will need, and
   * the results of its first page, so that they are shown as soon as the pause is over. A keystroke
   * that follows makes it stop before the results (whose files are the most). */
  SearchPage.prototype.prefetch = function (q) {
    var self = this;
    var state = { q: q, sort: this.state.sort, page: 1, selection: this.state.selection };
    var words = Search.parseQuery(q, this.engine.stopWords);
    var indexNames = words.length ? ["kort", "fuld"] : ["kort"];
    this.needs(words, state, indexNames).then(function () {
      if (self.input.value !== q) return null;
      return self.engine.documents(self.compute(words, state, indexNames).shown);
    }).catch(function () {}); // the search itself (refresh) reports what could not be loaded
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
    var indexNames = words.length ? ["kort", "fuld"] : ["kort"];
    this.root.setAttribute("data-results", "busy");
    // A selection needs its facets to filter; the others follow the results (showFacetsLater).
    var needs = this.needs(words, this.state, indexNames);
    var failed = function () {
      if (!current()) return;
      self.list.removeAttribute("aria-busy");
      self.status.textContent = "Søgningen kunne ikke indlæses. Prøv at genindlæse siden.";
      self.root.setAttribute("data-state", "failed");
    };
    needs
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

  /* The results of a search with the given indexes (their files loaded): the matches, the facet counts,
   * the page and the documents on it. The last one is kept, so the search after a keystroke uses what
   * the pause computed (prefetch), as long as the same facets and sort figures are loaded. */
  SearchPage.prototype.compute = function (words, state, indexNames) {
    var engine = this.engine;
    var key = [engine.stateToSearch(state), indexNames.join(" "), engine.facets ? "all" : "",
      Object.keys(engine.sortColumns || {}).join(" ")].join("|");
    if (this.computed && this.computed.key === key) return this.computed;
    var scores = engine.match(words, indexNames);
    var candidates;
    if (scores === null) {
      candidates = [];
      for (var i = 0; i < engine.manifest.count; i++) candidates.push(i);
    } else {
      candidates = Array.from(scores.keys());
    }
    var filtered = engine.filter(candidates, state.selection);
    var sort = sortOf(state, words);
    var size = engine.manifest.pageSize;
    var count = filtered.docs.length;
    var pages = Math.max(1, Math.ceil(count / size));
    var page = Math.min(state.page, pages);
    var ordered = engine.order(filtered.docs, scores, sort, page * size);
    this.computed = { key: key, candidates: candidates, counts: filtered.counts, sort: sort, count: count,
      pages: pages, page: page, shown: ordered.slice((page - 1) * size, page * size) };
    return this.computed;
  };

  /* Compute the results with the given indexes and put them on the page. */
  SearchPage.prototype.show = function (indexNames, run) {
    var self = this;
    var engine = this.engine;
    var found = this.compute(this.words, this.state, indexNames);
    this.candidates = found.candidates;
    if (found.page !== this.state.page) {
      this.state.page = found.page; // an address with a page past the end shows the last page
      this.writeUrl("replace");
    }
    return engine.documents(found.shown).then(function (docs) {
      if (run !== self.run) return;
      self.status.textContent = countText(found.count);
      self.sortSelect.value = found.sort;
      self.renderResults(found.shown, docs, found.sort);
      self.renderPager(found.page, found.pages);
      if (engine.facets) self.renderFacets(found.counts);
    });
  };

  UI.SearchPage = SearchPage;
  UI.start = function (root) {
    if (root.__autoprocesSearch) return root.__autoprocesSearch;
    var page = new SearchPage(root);
    root.__autoprocesSearch = page;
    page.start();
    return page;
  };
})(window.AutoprocesSearchUI = window.AutoprocesSearchUI || {});
