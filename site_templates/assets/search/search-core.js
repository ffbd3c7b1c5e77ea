/*
 * autoproces catalogue search, engine part 4 of 7: the engine (no DOM). Loaded in the browser after
 * the reader focuses the search field; also loadable in Node for tests (module.exports). Parts 5-7
 * (search-compounds.js, search-filter.js, search-state.js) add the engine's other methods.
 *
 * Text is folded, tokenized and stemmed exactly as generator/search/danish.py does at build
 * time; the indexes are lunr indexes split into files by term ranges (generator/search/shards.py)
 * and packed (generator/search/index.py); a query is scored on the packed files as lunr.js scores it
 * (scoreClause), without building lunr indexes (that cost most of a keystroke's time). Words are ANDed; within a word a code match (KLE, FORM,
 * slug ...) or a text match counts. The last word is also searched as a prefix. A compound word also
 * matches the documents that hold all its parts (generator/search/compounds.py).
 */
(function (root) {
  "use strict";
  var S = root.AutoprocesSearch = root.AutoprocesSearch || {};
  if (typeof module === "object" && module.exports) module.exports = S; // Node (tests): the same namespace
  var fileOfTerm = S.fileOfTerm;
  var filesOfPrefix = S.filesOfPrefix;
  var familyFile = S.familyFile;
  var scoreClause = S.scoreClause;
  var Scores = S.Scores;
  var stem = S.stem;
  var MAX_PREFIX_GROUPS = 4;

  /* --- The engine --------------------------------------------------------------------------- */

  function Engine(manifest, options) {
    this.manifest = manifest;
    this.lunr = options.lunr;
    this.fetchJson = options.fetchJson; // (fileName) -> Promise of parsed JSON
    this.stopWords = new Set(manifest.stopWords);
    this.pipeline = this.lunr.Pipeline.load(manifest.pipeline); // refuses an unknown stemmer
    this._stems = Object.create(null);
    this.indexes = {};
    this.docChunks = {};
    this.vocabulary = new Set(); // the stems of the vocabulary files loaded so far (loadVocabulary)
    this._vocabularyFiles = {}; // file number -> Promise
    this._vocabularyLoaded = {}; // file number -> true once its stems are in this.vocabulary
    this._parts = Object.create(null);
    this._matchFiles = {}; // file number -> Promise (the build's matches of common compounds)
    this._merged = {}; // "index file file ..." -> the loaded files of one group as one (_loadedGroups)
    this._matchLoaded = {}; // file number -> {word: {bonus, docs, scores}} once loaded
    this.facets = null; // every facet, in page order, once all are loaded (loadFacets())
    this._facetByKey = {}; // facet key -> the facet, once its file is loaded
    this.sortColumns = null; // {updated, hours}: the columns loaded so far (loadSort())
    this._files = {}; // file name -> Promise (facets and sort figures)
  }

  /* Download (once) a file of a family; `use` takes its content. Failed downloads are retried later. */
  Engine.prototype._once = function (name, use) {
    var self = this;
    if (!this._files[name]) {
      this._files[name] = this.fetchJson(name).then(use);
      this._files[name].catch(function () { delete self._files[name]; });
    }
    return this._files[name];
  };

  Engine.prototype.stem = function (term) {
    if (!(term in this._stems)) this._stems[term] = stem(this.lunr, term);
    return this._stems[term];
  };

  /* Which files of one index a query needs: [file numbers] (`together`: the indexes the query is
   * matched on, by default this one). */
  Engine.prototype.plan = function (words, indexName, together) {
    var spec = this.manifest.indexes[indexName];
    var wanted = {};
    var self = this;
    var hasCodes = spec.codeFields.length > 0;
    words.forEach(function (word, w) {
      var last = w === words.length - 1;
      if (hasCodes && word.code) {
        self._prefixFiles(word.code, indexName).forEach(function (f) { wanted[f] = true; });
      }
      word.texts.forEach(function (t, i) {
        var exact = fileOfTerm(self.stem(t), spec.firsts);
        if (exact !== null) wanted[exact] = true;
        self._partsToFetch(t, together || [indexName]).forEach(function (part) {
          var file = fileOfTerm(self.stem(part), spec.firsts);
          if (file !== null) wanted[file] = true;
        });
        if (last && i === word.texts.length - 1) {
          self._prefixFiles(t, indexName).forEach(function (f) { wanted[f] = true; });
        }
      });
    });
    return Object.keys(wanted).map(Number);
  };

  /* The groups of files of an index (generator/search/index.py): the first term of each group, and
   * the group of each file. A manifest without groups has one file per group. */
  Engine.prototype._groups = function (indexName) {
    var spec = this.manifest.indexes[indexName];
    if (!spec._groups) {
      var sizes = spec.groups || spec.firsts.map(function () { return 1; });
      var firsts = [];
      var of = [];
      sizes.forEach(function (size, g) {
        firsts.push(spec.firsts[of.length]);
        for (var i = 0; i < size; i++) of.push(g);
      });
      spec._groups = { firsts: firsts, of: of };
    }
    return spec._groups;
  };

  /* The files of an index that hold the terms starting with `prefix`, or none when they lie in more
   * than MAX_PREFIX_GROUPS groups (a prefix that common is not searched). */
  Engine.prototype._prefixFiles = function (prefix, indexName) {
    if (filesOfPrefix(prefix, this._groups(indexName).firsts).length > MAX_PREFIX_GROUPS) return [];
    return filesOfPrefix(prefix, this.manifest.indexes[indexName].firsts);
  };

  /* The loaded files among `fileNumbers` (in order), those of one group as one packed file: a clause
   * is scored on a group as on the one file it was before it was cut (lunr's score of a prefix depends
   * on how many of the group's terms it expands to). */
  Engine.prototype._loadedGroups = function (indexName, fileNumbers) {
    var cache = this.indexes[indexName] || {};
    var groupOf = this._groups(indexName).of;
    var groups = [];
    var numbers = [];
    fileNumbers.forEach(function (n) {
      var file = cache[n] && cache[n].file;
      if (!file) return;
      var last = groups.length - 1;
      if (last >= 0 && groupOf[numbers[last][0]] === groupOf[n]) {
        groups[last].push(file);
        numbers[last].push(n);
      } else {
        groups.push([file]);
        numbers.push([n]);
      }
    });
    var merged = this._merged;
    return groups.map(function (files, g) {
      if (files.length === 1) return files[0];
      var key = indexName + " " + numbers[g].join(" ");
      if (!merged[key]) {
        merged[key] = { fields: files[0].fields, pipeline: files[0].pipeline, lunr: files[0].lunr,
          terms: [].concat.apply([], files.map(function (f) { return f.terms; })),
          postings: [].concat.apply([], files.map(function (f) { return f.postings; })) };
      }
      return merged[key];
    });
  };

  /* Run one clause on the files of an index that are loaded (in order); add scores into `into`. */
  Engine.prototype._run = function (indexName, fileNumbers, clause, into) {
    this._loadedGroups(indexName, fileNumbers).forEach(function (file) { scoreClause(file, clause, into); });
  };

  /* Scores of one stemmed-text token in the given indexes: exact stem, or prefix when `isPrefix`. */
  Engine.prototype._tokenScores = function (t, indexNames, isPrefix) {
    var self = this;
    var scores = new Scores(this.manifest.count);
    indexNames.forEach(function (name) {
      var spec = self.manifest.indexes[name];
      var stemmed = self.stem(t);
      var exact = fileOfTerm(stemmed, spec.firsts);
      if (exact !== null) self._run(name, [exact], textClause(stemmed, spec.textFields, false), scores);
      if (isPrefix) self._run(name, self._prefixFiles(t, name), textClause(t, spec.textFields, true), scores);
    });
    return scores;
  };

  /* A token and, when it is a compound, the documents that hold every part. Documents that hold the
   * token itself rank above those that only hold its parts. For a common compound the build worked
   * out what the parts add (the bonus, and the documents that hold every part but not the token's
   * stem: generator/search/compound_matches.py). */
  Engine.prototype._wordTokenScores = function (t, indexNames, isPrefix) {
    var self = this;
    var exact = this._tokenScores(t, indexNames, isPrefix);
    var known = this._compoundMatch(t, indexNames);
    if (known) {
      var result = new Scores(this.manifest.count);
      exact.forEach(function (s, d) { result.set(d, s + known.bonus); });
      known.docs.forEach(function (d, i) { if (!result.has(d)) result.set(d, known.scores[i]); });
      return result;
    }
    var parts = this.partsOf(t);
    if (!parts.length) return exact;
    var split = null;
    parts.forEach(function (part) {
      var partScores = self._tokenScores(part, indexNames, false);
      split = split === null ? partScores : intersect(split, partScores);
    });
    var bonus = 0;
    split.forEach(function (s) { if (s > bonus) bonus = s; });
    var out = new Scores(this.manifest.count);
    exact.forEach(function (s, d) { out.set(d, s + bonus); });
    split.forEach(function (s, d) { if (!out.has(d)) out.set(d, s); });
    return out;
  };

  /* Match a parsed query against the given indexes. Returns Map(doc number -> score), or null for
   * "no words" (every process matches). Index files must have been loaded with `prepare`. */
  Engine.prototype.match = function (words, indexNames) {
    if (!words.length) return null;
    var self = this;
    var result = null;
    words.forEach(function (word, w) {
      var last = w === words.length - 1;
      var wordScores = new Scores(self.manifest.count);
      // Text: every token of the word must match (exact stem or its compound parts, or a prefix for
      // the very last token).
      var textScores = null;
      word.texts.forEach(function (t, i) {
        var isPrefix = last && i === word.texts.length - 1;
        var termScores = self._wordTokenScores(t, indexNames, isPrefix);
        textScores = textScores === null ? termScores : intersect(textScores, termScores);
      });
      if (textScores) textScores.forEach(function (s, d) { wordScores.set(d, s); });
      // Codes: the word as typed, as a prefix, in the unstemmed codes field.
      indexNames.forEach(function (name) {
        var spec = self.manifest.indexes[name];
        if (!spec.codeFields.length || !word.code) return;
        self._run(name, self._prefixFiles(word.code, name), codeClause(word.code, spec.codeFields), wordScores);
      });
      result = result === null ? wordScores : intersect(result, wordScores);
    });
    return result;
  };

  function textClause(term, fields, prefix) {
    return { term: term, fields: fields, prefix: prefix }; // the term is stemmed already (Engine.stem)
  }

  function codeClause(code, fields) {
    return { term: code, fields: fields, prefix: true };
  }

  function intersect(a, b) {
    var out = new Scores(a.value.length);
    a.forEach(function (score, doc) {
      if (b.has(doc)) out.set(doc, score + b.get(doc));
    });
    return out;
  }

  /* Download (once) the files of one index that a query needs; failed downloads are retried later.
   * `together`: the indexes the query will be matched on (by default this one). The files of the
   * words themselves start at once; then the build's matches of common compounds (loadCompoundMatches),
   * and for the other compound words the vocabulary (loadVocabulary, which may take a few rounds) and
   * the files of their parts. */
  Engine.prototype.prepare = function (words, indexName, together) {
    var self = this;
    together = together || [indexName];
    var now = this._download(words, indexName, together); // no parts while a word's split is unknown
    var later = this.loadCompoundMatches(words, together).then(function () {
      if (!self.needsVocabulary(words, together)) return self._download(words, indexName, together);
      return self.loadVocabulary(words, together).then(function () { return self._download(words, indexName, together); });
    });
    return Promise.all([now, later]);
  };

  /* Download (once) the files of one index that `plan` names with what is loaded so far. */
  Engine.prototype._download = function (words, indexName, together) {
    var self = this;
    var spec = this.manifest.indexes[indexName];
    var cache = this.indexes[indexName] || (this.indexes[indexName] = {});
    return Promise.all(this.plan(words, indexName, together).map(function (n) {
      if (!cache[n]) {
        var entry = cache[n] = { file: null };
        entry.promise = self.fetchJson(familyFile(indexName, n, spec.hash)).then(function (packed) {
          if (JSON.stringify(packed.pipeline) !== JSON.stringify(self.manifest.pipeline)) {
            throw new Error("Søgeindekset bruger ikke dansk ordstamme");
          }
          entry.file = packed;
        });
        entry.promise.catch(function () { delete cache[n]; });
      }
      return cache[n].promise;
    }));
  };

  /* Stored fields [id, title, résumé] of the given doc numbers, in the same order. */
  Engine.prototype.documents = function (numbers) {
    var self = this;
    var size = this.manifest.docs.chunk;
    var chunks = {};
    numbers.forEach(function (n) { chunks[Math.floor(n / size)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) {
      if (!self.docChunks[c]) {
        self.docChunks[c] = self.fetchJson(familyFile("dok", Number(c), self.manifest.docs.hash));
        self.docChunks[c].catch(function () { delete self.docChunks[c]; });
      }
      return self.docChunks[c];
    })).then(function () {
      return Promise.all(numbers.map(function (n) {
        return self.docChunks[Math.floor(n / size)].then(function (chunk) { return chunk[n % size]; });
      }));
    });
  };

  Engine.prototype.processUrl = function (id) {
    return this.manifest.processUrl.replace("{id}", id.split("/").map(encodeURIComponent).join("/"));
  };

  S.Engine = Engine;
})(typeof self !== "undefined" ? self : globalThis);
