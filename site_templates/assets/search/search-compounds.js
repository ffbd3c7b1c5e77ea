/*
 * autoproces catalogue search, engine part 5 of 7: compound words in queries. The build's matches of
 * common compounds (generator/search/compound_matches.py), and for the other words the vocabulary
 * files a query's long words need and the parts of a word once they are loaded (splitCompound in
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

  /* The tokens of a query that may be compounds, without those whose matches the build worked out
   * (when the query is matched on the indexes `together`; all, without it). */
  Engine.prototype._compoundTokens = function (words, together) {
    var self = this;
    var out = [];
    if (!this.manifest.compounds) return out;
    words.forEach(function (word) {
      word.texts.forEach(function (t) {
        if (self._maySplit(t) && !(together && self._compoundMatch(t, together))) out.push(t);
      });
    });
    return out;
  };

  /* Whether the build's matches of common compounds serve a query matched on `indexNames` (they hold
   * the scores of exactly those indexes, added in that order). */
  Engine.prototype._matchesServe = function (indexNames) {
    var matches = this.manifest.compoundMatches;
    return Boolean(matches) && indexNames.join(" ") === matches.indexes.join(" ");
  };

  /* Download (once) the files of the build's matches that the query's compound tokens need. */
  Engine.prototype.loadCompoundMatches = function (words, together) {
    var self = this;
    if (!this._matchesServe(together)) return Promise.resolve();
    var matches = this.manifest.compoundMatches;
    var wanted = {};
    this._compoundTokens(words).forEach(function (t) { wanted[fileOfTerm(t, matches.firsts)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      if (!self._matchFiles[n]) {
        self._matchFiles[n] = self.fetchJson(familyFile("sam", Number(n), matches.hash)).then(function (entries) {
          var byWord = Object.create(null);
          entries.forEach(function (entry) {
            var docs = [];
            var doc = 0;
            entry[2].forEach(function (gap) { doc += gap; docs.push(doc); });
            // a whole number is thousandths, any other the score itself (compound_matches.py)
            var scores = entry[3].map(function (v) { return Number.isInteger(v) ? v / 1000 : v; });
            byWord[entry[0]] = { bonus: entry[1], docs: docs, scores: scores };
          });
          self._matchLoaded[n] = byWord;
        });
        self._matchFiles[n].catch(function () { delete self._matchFiles[n]; });
      }
      return self._matchFiles[n];
    }));
  };

  /* The build's match of a token on the indexes `indexNames` ({bonus, docs, scores}), or null: not a
   * common compound, not those indexes, or its file is not loaded. */
  Engine.prototype._compoundMatch = function (token, indexNames) {
    if (!this._matchesServe(indexNames) || !this._maySplit(token)) return null;
    var loaded = this._matchLoaded[fileOfTerm(token, this.manifest.compoundMatches.firsts)];
    return (loaded && loaded[token]) || null;
  };

  /* The parts of a token whose index files a query matched on `together` needs: none while the
   * build's matches of the token are not loaded, nor when they answer for it. */
  Engine.prototype._partsToFetch = function (token, together) {
    if (this._matchesServe(together) && this._maySplit(token)) {
      var n = fileOfTerm(token, this.manifest.compoundMatches.firsts);
      if (!this._matchLoaded[n] || this._matchLoaded[n][token]) return [];
    }
    return this.partsOf(token);
  };

  /* Whether a query token may be a compound: its stem, not only the token, is long enough for two
   * parts. An inflected word is not split at its ending ("borgere", stem "borg", is not "bor" +
   * "gere"): its stem is what it matches, so a split would only add noise and downloads (the
   * vocabulary and the files of the parts). */
  Engine.prototype._maySplit = function (token) {
    return token.length >= 2 * this.manifest.compounds.minPart &&
      this.stem(token).length >= 2 * this.manifest.compounds.minPart;
  };

  /* The vocabulary files of the stems that may start at letter `start` of a token (a part's stem is
   * a prefix of the part of at least minPart letters, so some token.slice(start, end)): they lie
   * between its first minPart letters and the rest. */
  Engine.prototype._filesOfStart = function (token, start) {
    var firsts = this.manifest.compounds.firsts;
    var last = fileOfTerm(token.slice(start), firsts);
    var files = [];
    for (var n = fileOfTerm(token.slice(start, start + this.manifest.compounds.minPart), firsts); n <= last; n++) {
      files.push(n);
    }
    return files;
  };

  /* The vocabulary files a token needs, as far as the vocabulary loaded so far tells: those of the
   * letters a part can start at. The first part starts at the first letter; a later one only right
   * after a part whose stem is known (and its linking letter), so the files of the other letters are
   * never needed (splitCompound never looks at them for the split of the whole word). Loading these
   * may show more letters a part can start at (loadVocabulary asks again until nothing is missing). */
  Engine.prototype._vocabularyFilesOf = function (token) {
    var rules = this.manifest.compounds;
    var loaded = this._vocabularyLoaded;
    var size = token.length;
    var reachable = { 0: true };
    var files = {};
    for (var start = 0; start + rules.minPart <= size; start++) {
      if (!reachable[start]) continue;
      var own = this._filesOfStart(token, start);
      own.forEach(function (n) { files[n] = true; });
      if (!own.every(function (n) { return loaded[n]; })) continue; // where its parts end is not known yet
      for (var end = start + rules.minPart; end < size; end++) {
        if (!this._knownPart(token.slice(start, end))) continue;
        for (var l = 0; l < rules.links.length; l++) {
          var after = end + rules.links[l].length;
          if (after < size && token.slice(end, after) === rules.links[l]) reachable[after] = true;
        }
      }
    }
    return Object.keys(files).map(Number);
  };

  /* A part splitCompound may use: not a stop word, its stem long enough and in the vocabulary. */
  Engine.prototype._knownPart = function (part) {
    var partStem = this.stem(part);
    return !this.stopWords.has(part) && partStem.length >= this.manifest.compounds.minPart &&
      this.vocabulary.has(partStem);
  };

  Engine.prototype.needsVocabulary = function (words, together) {
    var self = this;
    return this._compoundTokens(words, together).some(function (t) {
      return self._vocabularyFilesOf(t).some(function (n) { return !self._vocabularyLoaded[n]; });
    });
  };

  /* Download (once) the vocabulary files the compound tokens of a query need, in rounds: each round
   * may show letters where a later part can start, whose files the next round downloads. */
  Engine.prototype.loadVocabulary = function (words, together) {
    var self = this;
    var wanted = {};
    this._compoundTokens(words, together).forEach(function (t) {
      self._vocabularyFilesOf(t).forEach(function (n) { if (!self._vocabularyLoaded[n]) wanted[n] = true; });
    });
    var missing = Object.keys(wanted);
    if (!missing.length) return Promise.resolve();
    return Promise.all(missing.map(function (n) { return self._vocabularyFile(Number(n)); })).then(function () {
      return self.loadVocabulary(words, together);
    });
  };

  Engine.prototype._vocabularyFile = function (n) {
    var self = this;
    if (!this._vocabularyFiles[n]) {
      this._vocabularyFiles[n] = this.fetchJson(familyFile("ord", n, this.manifest.compounds.hash)).then(function (stems) {
        stems.forEach(function (s) { self.vocabulary.add(s); });
        self._vocabularyLoaded[n] = true;
      });
      this._vocabularyFiles[n].catch(function () { delete self._vocabularyFiles[n]; });
    }
    return this._vocabularyFiles[n];
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
