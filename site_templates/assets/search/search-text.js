/*
 * autoproces catalogue search, engine part 1 of 7: Danish text. Text is folded, tokenized and stemmed
 * exactly as generator/search/danish.py does at build time, and compound words split as
 * generator/search/compounds.py splits them (no DOM).
 *
 * The engine's parts share one namespace (AutoprocesSearch) and are loaded in the order of SCRIPTS in
 * generator/search/assets.py; in Node (tests) each part also returns the namespace (module.exports).
 */
(function (root) {
  "use strict";
  var S = root.AutoprocesSearch = root.AutoprocesSearch || {};
  if (typeof module === "object" && module.exports) module.exports = S; // Node (tests): the same namespace

  var LETTER_FOLDS = {
    "å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l",
    "œ": "oe", "đ": "d", "ı": "i"
  };
  var FOLD_RE = /[åæøäößðþłœđı]/g;
  var MIN_TOKEN_LENGTH = 2;

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

  S.fold = fold;
  S.tokens = tokens;
  S.stem = stem;
  S.codeToken = codeToken;
  S.parseQuery = parseQuery;
  S.splitCompound = splitCompound;
})(typeof self !== "undefined" ? self : globalThis);
