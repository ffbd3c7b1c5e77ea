/*
 * autoproces catalogue search: the part of lunr 2.3.9 that the browser needs, in place of lunr.min.js
 * (about 7 kB less to download). The engine scores the packed index files itself (search-score.js) and
 * never builds or queries a lunr index; what it uses of lunr is what lunr-languages' Danish stemmer
 * needs (vendor/lunr.stemmer.support.min.js and vendor/lunr.da.min.js, loaded after this file and
 * unchanged): lunr.Token, lunr.Pipeline.registerFunction and .load (which refuses an unregistered
 * function, so an index made without Danish stemming is refused) and lunr.generateStopWordFilter.
 * Each behaves as lunr 2.3.9's function of the same name. The tests run the engine with this file and
 * compare its answers with lunr.js itself (tests/search/test_search_parity.py).
 */
(function (root) {
  "use strict";
  var lunr = root.lunr = root.lunr || {};
  if (typeof module === "object" && module.exports) module.exports = lunr; // Node (tests)

  /* A token: its text, changed by the pipeline's functions through update. */
  function Token(str, metadata) {
    this.str = str || "";
    this.metadata = metadata || {};
  }
  Token.prototype.toString = function () { return this.str; };
  Token.prototype.update = function (fn) {
    this.str = fn(this.str, this.metadata);
    return this;
  };
  Token.prototype.clone = function (fn) {
    fn = fn || function (s) { return s; };
    return new Token(fn(this.str, this.metadata), this.metadata);
  };

  /* The registered pipeline functions by label, and a pipeline loaded from an index's labels. */
  function Pipeline() { this._stack = []; }
  Pipeline.registeredFunctions = Object.create(null);
  Pipeline.registerFunction = function (fn, label) {
    fn.label = label;
    Pipeline.registeredFunctions[label] = fn;
  };
  Pipeline.load = function (serialised) {
    var pipeline = new Pipeline();
    serialised.forEach(function (label) {
      var fn = Pipeline.registeredFunctions[label];
      if (!fn) throw new Error("Cannot load unregistered function: " + label);
      pipeline._stack.push(fn);
    });
    return pipeline;
  };
  Pipeline.prototype.toJSON = function () {
    return this._stack.map(function (fn) { return fn.label; });
  };

  /* A function that drops the tokens in `stopWords` (lunr's generateStopWordFilter). */
  function generateStopWordFilter(stopWords) {
    var words = stopWords.reduce(function (memo, word) {
      memo[word] = word;
      return memo;
    }, {});
    return function (token) {
      if (token && words[token.toString()] !== token.toString()) return token;
      return undefined;
    };
  }

  lunr.version = "2.3.9";
  lunr.Token = Token;
  lunr.Pipeline = Pipeline;
  lunr.generateStopWordFilter = generateStopWordFilter;
})(typeof self !== "undefined" ? self : globalThis);
