/*
 * autoproces catalogue search: the engine (no DOM). Loaded in the browser after the reader focuses
 * the search field; also loadable in Node for tests (module.exports).
 *
 * Text is folded, tokenized and stemmed exactly as generator/search/danish.py does at build
 * time; the indexes are lunr indexes split into files by term ranges (generator/search/shards.py)
 * and packed (generator/search/index.py); a query is scored on the packed files as lunr.js scores it
 * (scoreClause), without building lunr indexes (that cost most of a keystroke's time). Words are ANDed; within a word a code match (KLE, FORM,
 * slug ...) or a text match counts. The last word is also searched as a prefix. A compound word also
 * matches the documents that hold all its parts (generator/search/compounds.py).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.AutoprocesSearch = api;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var LETTER_FOLDS = {
    "å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l",
    "œ": "oe", "đ": "d", "ı": "i"
  };
  var FOLD_RE = /[åæøäößðþłœđı]/g;
  var MIN_TOKEN_LENGTH = 2;
  var MAX_PREFIX_FILES = 4;
  var SORTS = ["relevans", "opdateret", "titel", "timer"];

  /* --- Danish text (twin of danish.py) ------------------------------------------------------ */

  function fold(text) {
    var s = String(text).normalize("NFC").toLowerCase().replace(FOLD_RE, function (c) {
      return LETTER_FOLDS[c];
    });
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function tokens(text, stopWords) {
    var found = fold(text).match(/[a-z0-9]+/g) || [];
    return found.filter(function (t) {
      return t.length >= MIN_TOKEN_LENGTH && !stopWords.has(t);
    });
  }

  /* The Danish stem of a folded token (twin of danish.py's stem): lunr-languages' stemmer-da, except
   * that a token with a digit is kept as it is (Snowball's stemmers disagree on digits). */
  function stem(lunr, token) {
    if (/[0-9]/.test(token)) return token;
    return lunr.da.stemmer(new lunr.Token(token)).toString();
  }

  /* A code as typed: folded like text (slugs are folded names: koebenhavn, aeroe), but unsplit and
   * unstemmed, without punctuation around it. */
  function codeToken(word) {
    return fold(String(word).trim()).replace(/^[^0-9a-z]+|[^0-9a-z]+$/g, "");
  }

  /* A query: words split on white space; each word has a code form and its text tokens. A dotted
   * number such as 27.24 is only a code (its parts are not searched as separate words). */
  function parseQuery(q, stopWords) {
    var raw = String(q || "").trim().split(/\s+/).filter(Boolean);
    var words = [];
    raw.forEach(function (word) {
      var code = codeToken(word);
      var texts = /^\d+([.\/]\d+)+$/.test(code) ? [] : tokens(word, stopWords);
      if (!texts.length && (code.length < MIN_TOKEN_LENGTH || stopWords.has(fold(word)))) {
        return;
      }
      words.push({ code: code, texts: texts });
    });
    return words;
  }

  /* --- Compound words (twin of compounds.py: the same rules, the same order of trying) ------- */

  /* The parts of a folded word (without linking letters), or null when it does not split.
   * rules: {minPart, maxParts, links}; known(stem) tells whether a stem is in the vocabulary. */
  function splitCompound(word, rules, known, stem, stopWords) {
    var size = word.length;
    var minPart = rules.minPart;
    if (size < 2 * minPart) return null;
    var partOk = Object.create(null);
    var usable = function (part) {
      if (!(part in partOk)) {
        var partStem = stem(part);
        partOk[part] = !stopWords.has(part) && partStem.length >= minPart && known(partStem);
      }
      return partOk[part];
    };
    var best = new Array(size + 1).fill(null);
    best[size] = { parts: [], links: 0 };
    for (var start = size - minPart; start >= 0; start--) {
      best[start] = bestFrom(word, start, best, usable, rules, start !== 0);
    }
    var found = best[0];
    return found && found.parts.length >= 2 ? found.parts : null;
  }

  function bestFrom(word, start, best, usable, rules, whole) {
    var size = word.length;
    var chosen = null;
    var lastEnd = whole ? size : size - rules.minPart;
    for (var end = lastEnd; end >= start + rules.minPart; end--) {
      var part = word.slice(start, end);
      if (!usable(part)) continue;
      for (var l = 0; l < rules.links.length; l++) {
        var link = rules.links[l];
        var after = end + link.length;
        if (link && (after >= size || word.slice(end, after) !== link)) continue;
        var rest = best[after];
        if (rest === null || rest.parts.length + 1 > rules.maxParts) continue;
        var candidate = { parts: [part].concat(rest.parts), links: rest.links + (link ? 1 : 0) };
        if (chosen === null || candidate.parts.length < chosen.parts.length ||
            (candidate.parts.length === chosen.parts.length && candidate.links < chosen.links)) {
          chosen = candidate;
        }
      }
    }
    return chosen;
  }

  /* --- Split indexes (twin of shards.py) ---------------------------------------------------- */

  /* The file of a term: the last file whose first term is not after it (firsts: sorted, firsts[0] ""). */
  function fileOfTerm(term, firsts) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* The files that may hold terms starting with `prefix`, in order. */
  function filesOfPrefix(prefix, firsts) {
    var files = [fileOfTerm(prefix, firsts)];
    for (var n = files[0] + 1; n < firsts.length && firsts[n].slice(0, prefix.length) === prefix; n++) files.push(n);
    return files;
  }

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
    var dots = new Map(); // doc * width + field -> dot product with the query vector
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
          dots.set(key, (dots.get(key) || 0) + flat[k + 1] / 1000);
        }
      }
    }
    var norm = Math.sqrt(last - first);
    dots.forEach(function (dot, key) {
      var d = Math.floor(key / width);
      into.set(d, (into.get(d) || 0) + dot / norm);
    });
  }

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

  Engine.prototype.stem = function (term) {
    if (!(term in this._stems)) this._stems[term] = stem(this.lunr, term);
    return this._stems[term];
  };

  /* --- Compound words in queries ---------------------------------------------------------- */

  /* The tokens of a query that may be compounds (long enough for two parts). */
  Engine.prototype._compoundTokens = function (words) {
    var rules = this.manifest.compounds;
    var out = [];
    if (!rules) return out;
    words.forEach(function (word) {
      word.texts.forEach(function (t) { if (t.length >= 2 * rules.minPart) out.push(t); });
    });
    return out;
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
    if (!this.manifest.compounds || token.length < 2 * this.manifest.compounds.minPart) return [];
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

  /* Which files of one index a query needs: [file numbers]. */
  Engine.prototype.plan = function (words, indexName) {
    var spec = this.manifest.indexes[indexName];
    var wanted = {};
    var self = this;
    var hasCodes = spec.codeFields.length > 0;
    words.forEach(function (word, w) {
      var last = w === words.length - 1;
      if (hasCodes && word.code) {
        var codeFiles = filesOfPrefix(word.code, spec.firsts);
        if (codeFiles.length <= MAX_PREFIX_FILES) codeFiles.forEach(function (f) { wanted[f] = true; });
      }
      word.texts.forEach(function (t, i) {
        var exact = fileOfTerm(self.stem(t), spec.firsts);
        if (exact !== null) wanted[exact] = true;
        self.partsOf(t).forEach(function (part) {
          var file = fileOfTerm(self.stem(part), spec.firsts);
          if (file !== null) wanted[file] = true;
        });
        if (last && i === word.texts.length - 1) {
          var prefixFiles = filesOfPrefix(t, spec.firsts);
          if (prefixFiles.length <= MAX_PREFIX_FILES) prefixFiles.forEach(function (f) { wanted[f] = true; });
        }
      });
    });
    return Object.keys(wanted).map(Number);
  };

  /* Run one clause on the files of an index that are loaded; add scores into `into`. */
  Engine.prototype._run = function (indexName, fileNumbers, clause, into) {
    var cache = this.indexes[indexName] || {};
    fileNumbers.forEach(function (n) {
      var file = cache[n] && cache[n].file;
      if (file) scoreClause(file, clause, into);
    });
  };

  /* Scores of one stemmed-text token in the given indexes: exact stem, or prefix when `isPrefix`. */
  Engine.prototype._tokenScores = function (t, indexNames, isPrefix) {
    var self = this;
    var scores = new Map();
    indexNames.forEach(function (name) {
      var spec = self.manifest.indexes[name];
      var stemmed = self.stem(t);
      var exact = fileOfTerm(stemmed, spec.firsts);
      if (exact !== null) self._run(name, [exact], textClause(stemmed, spec.textFields, false), scores);
      if (isPrefix) {
        var files = filesOfPrefix(t, spec.firsts);
        if (files.length <= MAX_PREFIX_FILES) self._run(name, files, textClause(t, spec.textFields, true), scores);
      }
    });
    return scores;
  };

  /* A token and, when it is a compound, the documents that hold every part. Documents that hold the
   * token itself rank above those that only hold its parts. */
  Engine.prototype._wordTokenScores = function (t, indexNames, isPrefix) {
    var self = this;
    var exact = this._tokenScores(t, indexNames, isPrefix);
    var parts = this.partsOf(t);
    if (!parts.length) return exact;
    var split = null;
    parts.forEach(function (part) {
      var partScores = self._tokenScores(part, indexNames, false);
      split = split === null ? partScores : intersect(split, partScores);
    });
    var bonus = 0;
    split.forEach(function (s) { if (s > bonus) bonus = s; });
    var out = new Map();
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
      var wordScores = new Map();
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
        var files = filesOfPrefix(word.code, spec.firsts);
        if (files.length <= MAX_PREFIX_FILES) {
          self._run(name, files, codeClause(word.code, spec.codeFields), wordScores);
        }
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
    var out = new Map();
    a.forEach(function (score, doc) {
      if (b.has(doc)) out.set(doc, score + b.get(doc));
    });
    return out;
  }

  /* Download (once) the files of one index that a query needs, after the vocabulary when a word may
   * be a compound; failed downloads are retried later. */
  Engine.prototype.prepare = function (words, indexName) {
    var self = this;
    var spec = this.manifest.indexes[indexName];
    var cache = this.indexes[indexName] || (this.indexes[indexName] = {});
    var vocabulary = this.needsVocabulary(words) ? this.loadVocabulary(words) : Promise.resolve();
    return vocabulary.then(function () {
      return Promise.all(self.plan(words, indexName).map(function (n) {
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
    });
  };

  /* --- Facets ------------------------------------------------------------------------------- */

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

  /* --- Sorting, pages, documents ------------------------------------------------------------ */

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

  /* kort-007-<hash>.json (output.py's family_file): the files of one family share one hash, so the
   * manifest lists none of them. */
  function familyFile(prefix, n, hash) {
    var number = String(n);
    while (number.length < 3) number = "0" + number;
    return prefix + "-" + number + "-" + hash + ".json";
  }

  Engine.prototype.processUrl = function (id) {
    return this.manifest.processUrl.replace("{id}", id.split("/").map(encodeURIComponent).join("/"));
  };

  /* --- The state in the URL ----------------------------------------------------------------- */

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

  return {
    fold: fold,
    tokens: tokens,
    stem: stem,
    splitCompound: splitCompound,
    codeToken: codeToken,
    parseQuery: parseQuery,
    fileOfTerm: fileOfTerm,
    filesOfPrefix: filesOfPrefix,
    scoreClause: scoreClause,
    Engine: Engine,
    SORTS: SORTS
  };
});
