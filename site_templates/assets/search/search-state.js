/*
 * autoproces catalogue search, engine part 7 of 7: the state in the address. The whole search (words,
 * filters, sort, page) lives in the URL, so it can be bookmarked and shared.
 */
(function (root) {
  "use strict";
  var S = root.AutoprocesSearch = root.AutoprocesSearch || {};
  if (typeof module === "object" && module.exports) module.exports = S; // Node (tests): the same namespace
  var Engine = S.Engine;
  var SORTS = ["relevans", "opdateret", "titel", "timer"];

  /* The search in the address: ?q=...&fase=i-drift&fase=ide&sort=titel&side=2 */
  Engine.prototype.parseState = function (search) {
    var params = new URLSearchParams(search);
    var state = { q: params.get("q") || "", sort: "", page: 1, selection: {} };
    var sort = params.get("sort");
    if (SORTS.indexOf(sort) >= 0) state.sort = sort;
    var page = parseInt(params.get("side") || "1", 10);
    state.page = page > 0 ? page : 1;
    this.manifest.facetKeys.forEach(function (key) {
      var codes = params.getAll(key).filter(Boolean);
      if (codes.length) state.selection[key] = unique(codes);
    });
    return state;
  };

  Engine.prototype.hasSelection = function (state) {
    return Object.keys(state.selection).some(function (k) { return state.selection[k].length > 0; });
  };

  Engine.prototype.stateToSearch = function (state) {
    var params = new URLSearchParams();
    var facets = this._facetByKey;
    if (state.q) params.set("q", state.q);
    this.manifest.facetKeys.forEach(function (key) {
      var codes = (state.selection[key] || []).slice();
      var f = facets[key];
      codes.sort(function (a, b) {
        return f && a in f.number && b in f.number ? f.number[a] - f.number[b] : (a < b ? -1 : a > b ? 1 : 0);
      });
      codes.forEach(function (c) { params.append(key, c); });
    });
    if (state.sort) params.set("sort", state.sort);
    if (state.page > 1) params.set("side", String(state.page));
    var text = params.toString();
    return text ? "?" + text : "";
  };

  function unique(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; });
  }

  S.SORTS = SORTS;
})(typeof self !== "undefined" ? self : globalThis);
