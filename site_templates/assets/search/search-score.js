/*
 * autoproces catalogue search, engine part 3 of 7: scoring. A query clause is scored on a packed index
 * file (generator/search/index.py) as lunr.js scores it, without building lunr indexes (that cost most
 * of a keystroke's time).
 */
(function (root) {
  "use strict";
  var S = root.AutoprocesSearch = root.AutoprocesSearch || {};
  if (typeof module === "object" && module.exports) module.exports = S; // Node (tests): the same namespace

  /* --- Scoring (lunr's Index.query on a packed file, without building a lunr index) --------- */

  /* Position of the first term >= `term` in the sorted `terms`. */
  function lowerBound(terms, term) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Add the scores of one clause {term, fields, prefix} on one packed file into `into` (doc -> score),
   * as lunr.Index.query scores a single optional clause of boost 1: the clause expands to the term
   * (or, for a prefix, every term starting with it); a document's score in a field is the sum of the
   * stored scores of the expanded terms it holds there, divided by the square root of the number of
   * expanded terms (the query vector's length); its score is the sum over the clause's fields.
   * tests/search/test_search_parity.py compares this with lunr.js itself. */
  function scoreClause(file, clause, into) {
    var terms = file.terms;
    var first = lowerBound(terms, clause.term);
    var last = first;
    if (clause.prefix) {
      while (last < terms.length && terms[last].slice(0, clause.term.length) === clause.term) last++;
    } else if (first < terms.length && terms[first] === clause.term) {
      last = first + 1;
    }
    if (last === first) return;
    var wanted = {};
    clause.fields.forEach(function (name) {
      var f = file.fields.indexOf(name);
      if (f >= 0) wanted[f] = true;
    });
    var width = file.fields.length;
    // The dot product of each (document, field) with the query vector, summed in term order, and the
    // (document, field) pairs in the order they are first met (the order lunr adds a document's fields).
    var size = into.value.length * width;
    if (dots.length < size) {
      dots = new Float64Array(size);
      met = new Int32Array(size);
    }
    var clauseId = ++clauses;
    var order = [];
    for (var i = first; i < last; i++) {
      var flat = file.postings[i];
      var k = 0;
      while (k < flat.length) {
        var field = flat[k];
        var n = flat[k + 1];
        k += 2;
        if (!wanted[field]) { k += 2 * n; continue; }
        var doc = 0;
        for (var j = 0; j < n; j++, k += 2) {
          doc += flat[k];
          var key = doc * width + field;
          if (met[key] !== clauseId) {
            met[key] = clauseId;
            dots[key] = flat[k + 1] / 1000;
            order.push(key);
          } else {
            dots[key] += flat[k + 1] / 1000;
          }
        }
      }
    }
    var norm = Math.sqrt(last - first);
    for (var o = 0; o < order.length; o++) {
      var d = Math.floor(order[o] / width);
      into.set(d, (into.get(d) || 0) + dots[order[o]] / norm);
    }
  }

  var dots = new Float64Array(0); // scoreClause's working space, reused
  var met = new Int32Array(0); // the clause that last met each (document, field)
  var clauses = 0;

  /* Scores of documents (doc number -> score), like a Map but over typed arrays: get, has, set, keys
   * (in the order first set), forEach and size. A query's scores are summed in many such maps; with
   * Maps that cost most of a keystroke's time. */
  function Scores(count) {
    this.value = new Float64Array(count);
    this.present = new Uint8Array(count);
    this.docs = [];
  }
  Scores.prototype.get = function (doc) { return this.present[doc] ? this.value[doc] : undefined; };
  Scores.prototype.has = function (doc) { return this.present[doc] === 1; };
  Scores.prototype.set = function (doc, score) {
    if (!this.present[doc]) {
      this.present[doc] = 1;
      this.docs.push(doc);
    }
    this.value[doc] = score;
    return this;
  };
  Scores.prototype.keys = function () { return this.docs; };
  Scores.prototype.forEach = function (use) {
    for (var i = 0; i < this.docs.length; i++) use(this.value[this.docs[i]], this.docs[i]);
  };
  Object.defineProperty(Scores.prototype, "size", { get: function () { return this.docs.length; } });

  S.scoreClause = scoreClause;
  S.Scores = Scores;
})(typeof self !== "undefined" ? self : globalThis);
