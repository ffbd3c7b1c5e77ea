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

  /* A facet with its values per document as one flat list (values[start[doc] .. start[doc + 1]]): for
   * KLE, the code and every code above it, so a count is a count of the documents under a code. */
  function prepareFacet(facet) {
    var codes = facet.values.map(function (v) { return v[0]; });
    var number = {};
    codes.forEach(function (c, i) { number[c] = i; });
    var perValue = null; // tree: value -> the values it counts under
    if (facet.kind === "tree") {
      perValue = codes.map(function (code) {
        var parts = code.split(".");
        var out = [];
        for (var i = 1; i <= parts.length; i++) {
          var a = parts.slice(0, i).join(".");
          if (a in number) out.push(number[a]);
        }
        return out;
      });
    }
    var column = facet.column;
    var start = new Int32Array(column.length + 1);
    var flat = [];
    for (var d = 0; d < column.length; d++) {
      var v = column[d];
      if (facet.kind === "multi") {
        for (var j = 0; j < v.length; j++) flat.push(v[j]);
      } else if (v >= 0) {
        if (perValue) flat.push.apply(flat, perValue[v]);
        else flat.push(v);
      }
      start[d + 1] = flat.length;
    }
    return {
      key: facet.key, label: facet.label, kind: facet.kind, values: facet.values, codes: codes,
      number: number, start: start, flat: Int32Array.from(flat)
    };
  }

  /* Narrow `candidates` (array of doc numbers) by the selection {facetKey: [codes]}.
   * Returns {docs: [...], counts: {facetKey: Int32Array per value}}: OR within a facet, AND across;
   * a facet's counts ignore its own selection. */
  Engine.prototype.filter = function (candidates, selection) {
    var loaded = this._facetByKey;
    var facets = this.facets || this.manifest.facetKeys.map(function (k) { return loaded[k]; }).filter(Boolean);
    var chosen = []; // [facet position, Uint8Array: value chosen] of the facets with a selection
    facets.forEach(function (f, k) {
      var set = null;
      (selection[f.key] || []).forEach(function (c) {
        if (c in f.number) {
          set = set || new Uint8Array(f.values.length);
          set[f.number[c]] = 1;
        }
      });
      if (set) chosen.push([k, set]);
    });
    var counts = {};
    var targets = facets.map(function (f) { return (counts[f.key] = new Int32Array(f.values.length)); });
    var docs = [];
    for (var i = 0; i < candidates.length; i++) {
      var doc = candidates[i];
      var failed = -1;
      var failures = 0;
      for (var c = 0; c < chosen.length && failures < 2; c++) {
        var f = facets[chosen[c][0]];
        var set = chosen[c][1];
        var ok = false;
        for (var p = f.start[doc], end = f.start[doc + 1]; p < end; p++) {
          if (set[f.flat[p]]) { ok = true; break; }
        }
        if (!ok) { failures++; failed = chosen[c][0]; }
      }
      if (failures === 0) {
        docs.push(doc);
        for (var k = 0; k < facets.length; k++) addCounts(targets[k], facets[k], doc);
      } else if (failures === 1) {
        addCounts(targets[failed], facets[failed], doc);
      }
    }
    return { docs: docs, counts: counts };
  };

  function addCounts(target, facet, doc) {
    var flat = facet.flat;
    for (var p = facet.start[doc], end = facet.start[doc + 1]; p < end; p++) target[flat[p]]++;
  }

  /* Every document in the order of the sort (a full sort: the tests and a reader's last pages). */
  Engine.prototype.sort = function (docs, scores, sortKey) {
    return docs.slice().sort(this.comparator(scores, sortKey));
  };

  /* The first `end` documents in the order of the sort, without sorting the others (a page needs only
   * its own; sorting every match cost much of a keystroke's time). */
  Engine.prototype.order = function (docs, scores, sortKey, end) {
    return firstInOrder(docs, this.comparator(scores, sortKey), Math.min(end, docs.length));
  };

  /* The comparator of a sort: relevance (score, then title order), last change or hours freed (highest
   * first, then title order), or title order (the document numbers). */
  Engine.prototype.comparator = function (scores, sortKey) {
    var sort = this.sortColumns;
    if (sortKey === "relevans" && scores) {
      return function (a, b) { return (scores.get(b) - scores.get(a)) || a - b; };
    } else if (sortKey === "opdateret" && sort && sort.updated) {
      return descending(sort.updated);
    } else if (sortKey === "timer" && sort && sort.hours) {
      return descending(sort.hours);
    }
    return function (a, b) { return a - b; };
  };

  /* The first `k` of `list` by `before`: a kept list of the best so far, so most documents cost one
   * comparison (sorting every match cost much of a keystroke's time). */
  function firstInOrder(list, before, k) {
    if (k * 8 >= list.length) return list.slice().sort(before).slice(0, k);
    var top = [];
    for (var i = 0; i < list.length; i++) {
      var doc = list[i];
      if (top.length === k && before(doc, top[k - 1]) >= 0) continue;
      var at = top.length === k ? k - 1 : top.length;
      while (at > 0 && before(doc, top[at - 1]) < 0) at--;
      top.splice(at, 0, doc);
      if (top.length > k) top.pop();
    }
    return top;
  }

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
