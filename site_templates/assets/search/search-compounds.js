/*
 * autoproces catalogue search, engine part 5 of 7: compound words in queries. The vocabulary files a
 * query's long words need, and the parts of a word once they are loaded (splitCompound in
 * search-text.js).
 */
(function (root) {
  "use strict";
  var S = root.AutoprocesSearch = root.AutoprocesSearch || {};
  if (typeof module === "object" && module.exports) module.exports = S; // Node (tests): the same namespace
  var Engine = S.Engine;
  var fileOfTerm = S.fileOfTerm;
  var familyFile = S.familyFile;
  var splitCompound = S.splitCompound;

  /* The tokens of a query that may be compounds. */
  Engine.prototype._compoundTokens = function (words) {
    var self = this;
    var out = [];
    if (!this.manifest.compounds) return out;
    words.forEach(function (word) {
      word.texts.forEach(function (t) { if (self._maySplit(t)) out.push(t); });
    });
    return out;
  };

  /* Whether a query token may be a compound: its stem, not only the token, is long enough for two
   * parts. An inflected word is not split at its ending ("borgere", stem "borg", is not "bor" +
   * "gere"): its stem is what it matches, so a split would only add noise and downloads (the
   * vocabulary and the files of the parts). */
  Engine.prototype._maySplit = function (token) {
    return token.length >= 2 * this.manifest.compounds.minPart &&
      this.stem(token).length >= 2 * this.manifest.compounds.minPart;
  };

  /* The vocabulary files a token needs: those of every stem that may start at one of its letters
   * (a part's stem is a prefix of the part of at least minPart letters, so some token.slice(start,
   * end)); the stems starting at `start` lie between its first minPart letters and the rest. */
  Engine.prototype._vocabularyFilesOf = function (token) {
    var firsts = this.manifest.compounds.firsts;
    var minPart = this.manifest.compounds.minPart;
    var files = {};
    for (var start = 0; start + minPart <= token.length; start++) {
      var last = fileOfTerm(token.slice(start), firsts);
      for (var n = fileOfTerm(token.slice(start, start + minPart), firsts); n <= last; n++) files[n] = true;
    }
    return Object.keys(files).map(Number);
  };

  Engine.prototype.needsVocabulary = function (words) {
    var self = this;
    return this._compoundTokens(words).some(function (t) {
      return self._vocabularyFilesOf(t).some(function (n) { return !self._vocabularyLoaded[n]; });
    });
  };

  /* Download (once) the vocabulary files the compound tokens of a query need. */
  Engine.prototype.loadVocabulary = function (words) {
    var self = this;
    var wanted = {};
    this._compoundTokens(words).forEach(function (t) {
      self._vocabularyFilesOf(t).forEach(function (n) { wanted[n] = true; });
    });
    return Promise.all(Object.keys(wanted).map(function (n) {
      if (!self._vocabularyFiles[n]) {
        self._vocabularyFiles[n] = self.fetchJson(familyFile("ord", Number(n), self.manifest.compounds.hash)).then(function (stems) {
          stems.forEach(function (s) { self.vocabulary.add(s); });
          self._vocabularyLoaded[n] = true;
        });
        self._vocabularyFiles[n].catch(function () { delete self._vocabularyFiles[n]; });
      }
      return self._vocabularyFiles[n];
    }));
  };

  /* The parts of a folded query token ([] when it does not split or its vocabulary is not loaded). */
  Engine.prototype.partsOf = function (token) {
    if (!this.manifest.compounds || !this._maySplit(token)) return [];
    if (!(token in this._parts)) {
      var self = this;
      var missing = this._vocabularyFilesOf(token).some(function (n) { return !self._vocabularyLoaded[n]; });
      if (missing) return [];
      var vocabulary = this.vocabulary;
      var parts = splitCompound(token, this.manifest.compounds, function (s) { return vocabulary.has(s); },
        this.stem.bind(this), this.stopWords);
      this._parts[token] = parts || [];
    }
    return this._parts[token];
  };
})(typeof self !== "undefined" ? self : globalThis);
