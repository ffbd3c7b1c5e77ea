/*
 * autoproces catalogue search, engine part 6 of 7: facets and sorting. Downloads the facets and sort
 * figures a search needs, narrows the matches by the chosen facet values (with a count per value) and
 * orders them.
 */
(function (root) {
  "use strict";
  var S = root.AutoprocesSearch = root.AutoprocesSearch || {};
  if (typeof module === "object" && module.exports) module.exports = S; // Node (tests): the same namespace
  var Engine = S.Engine;
  var familyFile = S.familyFile;

  /* Download the facets with the given keys (default: every facet); each facet is a file of its own,
   * so the facets an address selects come before the first results and the others after. */
  Engine.prototype.loadFacets = function (keys) {
    var self = this;
    var order = this.manifest.facetKeys;
    return Promise.all((keys || order).map(function (key) {
      var n = order.indexOf(key);
      if (n < 0) return Promise.resolve();
      return self._once(familyFile("facetter", n, self.manifest.facets.hash), function (facet) {
        self._facetByKey[key] = prepareFacet(facet);
      });
    })).then(function () {
      var all = order.map(function (key) { return self._facetByKey[key]; });
      if (all.every(Boolean)) self.facets = all;
    });
  };

  /* The keys of the facets a state selects. */
  Engine.prototype.selectedFacets = function (state) {
    return Object.keys(state.selection).filter(function (k) { return state.selection[k].length > 0; });
  };

  /* Download the sort figure a sort needs ("opdateret": last change, "timer": hours freed). */
  Engine.prototype.loadSort = function (sortKey) {
    var self = this;
    var column = sortKey === "timer" ? "hours" : "updated";
    var n = this.manifest.sort.columns.indexOf(column);
    return this._once(familyFile("sortering", n, this.manifest.sort.hash), function (values) {
      self.sortColumns = self.sortColumns || {};
      self.sortColumns[column] = values;
    });
  };

  Engine.prototype.needsSort = function (sortKey) {
    return sortKey === "opdateret" || sortKey === "timer";
  };

  function prepareFacet(facet) {
    var codes = facet.values.map(function (v) { return v[0]; });
    var number = {};
    codes.forEach(function (c, i) { number[c] = i; });
    var perDoc;
    if (facet.kind === "multi") {
      perDoc = facet.column;
    } else if (facet.kind === "tree") {
      var ancestors = codes.map(function (code) {
        var parts = code.split(".");
        var out = [];
        for (var i = 1; i <= parts.length; i++) {
          var a = parts.slice(0, i).join(".");
          if (a in number) out.push(number[a]);
        }
        return out;
      });
      perDoc = facet.column.map(function (v) { return v < 0 ? [] : ancestors[v]; });
    } else {
      perDoc = facet.column.map(function (v) { return v < 0 ? [] : [v]; });
    }
    return {
      key: facet.key, label: facet.label, kind: facet.kind, values: facet.values, codes: codes,
      number: number, perDoc: perDoc
    };
  }

  /* Narrow `candidates` (array of doc numbers) by the selection {facetKey: [codes]}.
   * Returns {docs: [...], counts: {facetKey: Int32Array per value}}: OR within a facet, AND across;
   * a facet's counts ignore its own selection. */
  Engine.prototype.filter = function (candidates, selection) {
    var loaded = this._facetByKey;
    var facets = this.facets || this.manifest.facetKeys.map(function (k) { return loaded[k]; }).filter(Boolean);
    var selected = facets.map(function (f) {
      var codes = selection[f.key] || [];
      var set = null;
      codes.forEach(function (c) {
        if (c in f.number) {
          set = set || new Set();
          set.add(f.number[c]);
        }
      });
      return set;
    });
    var counts = {};
    facets.forEach(function (f) { counts[f.key] = new Int32Array(f.values.length); });
    var docs = [];
    for (var i = 0; i < candidates.length; i++) {
      var doc = candidates[i];
      var failed = -1;
      var failures = 0;
      for (var k = 0; k < facets.length && failures < 2; k++) {
        if (!selected[k]) continue;
        var values = facets[k].perDoc[doc];
        var ok = false;
        for (var v = 0; v < values.length; v++) {
          if (selected[k].has(values[v])) { ok = true; break; }
        }
        if (!ok) { failures++; failed = k; }
      }
      if (failures === 0) {
        docs.push(doc);
        for (k = 0; k < facets.length; k++) addCounts(counts[facets[k].key], facets[k].perDoc[doc]);
      } else if (failures === 1) {
        addCounts(counts[facets[failed].key], facets[failed].perDoc[doc]);
      }
    }
    return { docs: docs, counts: counts };
  };

  function addCounts(target, values) {
    for (var v = 0; v < values.length; v++) target[values[v]]++;
  }

  Engine.prototype.sort = function (docs, scores, sortKey) {
    var sort = this.sortColumns;
    var byNumber = function (a, b) { return a - b; };
    var out = docs.slice();
    if (sortKey === "relevans" && scores) {
      out.sort(function (a, b) { return (scores.get(b) - scores.get(a)) || a - b; });
    } else if (sortKey === "opdateret" && sort && sort.updated) {
      out.sort(descending(sort.updated));
    } else if (sortKey === "timer" && sort && sort.hours) {
      out.sort(descending(sort.hours));
    } else {
      out.sort(byNumber);
    }
    return out;
  };

  function descending(column) {
    return function (a, b) {
      var x = column[a], y = column[b];
      if (x === y) return a - b;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return y - x;
    };
  }
})(typeof self !== "undefined" ? self : globalThis);
