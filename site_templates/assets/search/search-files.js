/*
 * autoproces catalogue search, engine part 2 of 7: the data files. Which file of a split index holds a
 * term (twin of generator/search/shards.py) and the name of a file of a family (twin of output.py).
 */
(function (root) {
  "use strict";
  var S = root.AutoprocesSearch = root.AutoprocesSearch || {};
  if (typeof module === "object" && module.exports) module.exports = S; // Node (tests): the same namespace

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

  /* kort-007-<hash>.json (output.py's family_file): the files of one family share one hash, so the
   * manifest lists none of them. */
  function familyFile(prefix, n, hash) {
    var number = String(n);
    while (number.length < 3) number = "0" + number;
    return prefix + "-" + number + "-" + hash + ".json";
  }

  S.fileOfTerm = fileOfTerm;
  S.filesOfPrefix = filesOfPrefix;
  S.familyFile = familyFile;
})(typeof self !== "undefined" ? self : globalThis);
