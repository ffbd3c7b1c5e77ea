/*
 * Runs the browser's search engine (the scripts under site_templates/assets/search/ that ENGINE_SCRIPTS
 * in generator/search/assets.py names, search-core.js and its parts) in Node, with lunr's core
 * (search-lunr.js) and lunr-languages as in the browser, against search data written by the generator
 * (lunr.js itself, vendored, is the reference some requests compare with). Used by the Python tests (text
 * agreement, query semantics) and by benchmarks/search_scale.py (query time, bytes a reader downloads).
 *
 * Usage: node search_node.js <assets dir> <engine script>...  < request.json  > answer.json
 * (the engine's scripts in their order of loading)
 * Request: {"lunr": {"files": [...], "queries": [{"term", "fields", "prefix"}]}} |
 *          {"fold": [...]} | {"tokens": [...]} | {"stem": [...]} (the engine's) | {"snowball": [...]} |
 *          {"core": [...]} (lunr's core and lunr.js side by side) |
 *          {"split": [...], "vocabulary": [...], "compounds": {...}, "stopWords": [...]} |
 *          {"data": "<soeg/data dir>", "queries": [{"q": "...", "selection": {...}, "sort": "..."}],
 *           "indexes": ["kort", "fuld"], "allIds": true, "engine": "lunr" (optional: lunr.js scores),
 *           "firsts": [n, ...] (optional: the first n documents by Engine.order),
 *           "compoundMatches": false (optional: the engine ignores the build's matches of compounds)}
 * A search answer tells what was fetched before the first results ("first") and in all.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const assets = path.resolve(process.argv[2]);
// The engine runs as in the browser, on lunr's core (search-lunr.js) with lunr-languages' Danish
// stemmer; lunr.js itself (vendor/lunr.min.js) is the reference it is compared with.
const core = require(path.join(assets, "search-lunr.js"));
require(path.join(assets, "vendor/lunr.stemmer.support.min.js"))(core);
require(path.join(assets, "vendor/lunr.da.min.js"))(core);
const lunr = require(path.join(assets, "vendor/lunr.min.js"));
require(path.join(assets, "vendor/lunr.stemmer.support.min.js"))(lunr);
require(path.join(assets, "vendor/lunr.da.min.js"))(lunr);
const engineScripts = process.argv.slice(3);
if (!engineScripts.length) throw new Error("name the engine's scripts (ENGINE_SCRIPTS) after the assets dir");
let Search = null; // every part returns the same namespace
for (const name of engineScripts) Search = require(path.join(assets, name));

const request = JSON.parse(fs.readFileSync(0, "utf8"));

/* A packed index file (generator/search/index.py) back to lunr's serialized form. */
function unpack(packed) {
  const fields = packed.fields;
  const inverted = [];
  const vectors = new Map();
  packed.terms.forEach((term, i) => {
    const posting = { _index: i };
    fields.forEach((f) => { posting[f] = {}; });
    const flat = packed.postings[i];
    let k = 0;
    while (k < flat.length) {
      const name = fields[flat[k]];
      const n = flat[k + 1];
      let doc = 0;
      k += 2;
      for (let j = 0; j < n; j++, k += 2) {
        doc += flat[k];
        posting[name][doc] = {};
        const ref = name + "/" + doc;
        if (!vectors.has(ref)) vectors.set(ref, []);
        vectors.get(ref).push(i, flat[k + 1] / 1000);
      }
    }
    inverted.push([packed.terms[i], posting]);
  });
  return { version: packed.lunr, fields, pipeline: packed.pipeline, invertedIndex: inverted,
    fieldVectors: [...vectors.entries()] };
}

/* With {"engine": "lunr"}: the engine's clauses run by lunr.js itself (lunr.Index.load and query) on
 * each group of files, to compare with the engine's own scoring (scoreClause). */
if (request.engine === "lunr") {
  const indexes = new WeakMap();
  Search.Engine.prototype._run = function (indexName, fileNumbers, clause, into) {
    this._loadedGroups(indexName, fileNumbers).forEach((file) => { // a group's files as one index
      if (!indexes.has(file)) indexes.set(file, lunr.Index.load(unpack(file)));
      const results = indexes.get(file).query((q) => q.term(clause.term, {
        fields: clause.fields, usePipeline: false,
        wildcard: clause.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
      }));
      results.forEach((r) => into.set(Number(r.ref), (into.get(Number(r.ref)) || 0) + r.score));
    });
  };
}

function textAnswers() {
  if (request.fold) return request.fold.map(Search.fold);
  const stop = new Set(request.stopWords || []);
  if (request.tokens) return request.tokens.map((t) => Search.tokens(t, stop));
  if (request.stem) return request.stem.map((t) => Search.stem(core, t));
  if (request.core) {
    // [stem, stop-word filter] of each word with lunr's core and with lunr.js, and how each pipeline
    // loads the index's labels and an unknown label
    const side = (l) => ({
      words: request.core.map((t) => [l.da.stemmer(new l.Token(t)).toString(),
        l.da.stopWordFilter(new l.Token(t)) === undefined ? null : String(l.da.stopWordFilter(new l.Token(t)))]),
      loaded: l.Pipeline.load(["stemmer-da", "trimmer-da", "stopWordFilter-da"]).toJSON(),
      unknown: (() => { try { l.Pipeline.load(["stemmer-xx"]); return null; } catch (e) { return String(e.message); } })(),
    });
    return { core: side(core), lunr: side(lunr) };
  }
  if (request.snowball) return request.snowball.map((t) => lunr.da.stemmer(new lunr.Token(t)).toString());
  if (request.lunr) {
    // lunr.js itself on packed index files: [[ [ref, score], ... ] per query] per file
    return request.lunr.files.map((file) => {
      const index = lunr.Index.load(unpack(JSON.parse(fs.readFileSync(file, "utf8"))));
      return request.lunr.queries.map((q) => index.query((query) => query.term(q.term, {
        fields: q.fields, usePipeline: false,
        wildcard: q.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
      })).map((r) => [r.ref, r.score]));
    });
  }
  if (request.parse) return request.parse.map((q) => Search.parseQuery(q, stop));
  if (request.split) {
    const known = new Set(request.vocabulary);
    const stem = (t) => Search.stem(core, t);
    return request.split.map((w) => Search.splitCompound(w, request.compounds, (s) => known.has(s), stem, stop));
  }
  return null;
}

async function search() {
  const dir = request.data;
  const fetched = [];
  const fetchJson = (name) => {
    const bytes = fs.readFileSync(path.join(dir, name));
    fetched.push({ name, bytes: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length });
    return Promise.resolve(JSON.parse(bytes.toString("utf8")));
  };
  const manifest = await fetchJson("manifest.json");
  if (request.compoundMatches === false) delete manifest.compoundMatches; // the engine without them
  const answers = [];
  for (const query of request.queries) {
    const engine = new Search.Engine(manifest, { lunr: core, fetchJson });
    fetched.length = 1; // the manifest stays counted; every query starts from a fresh engine
    const selection = query.selection || {};
    const words = Search.parseQuery(query.q || "", engine.stopWords);
    const sort = query.sort || (words.length ? "relevans" : "titel");
    const indexes = query.indexes || request.indexes || ["kort", "fuld"];
    const compute = (names) => {
      const scores = engine.match(words, names);
      const candidates = scores === null ? [...Array(manifest.count).keys()] : [...scores.keys()];
      const filtered = engine.filter(candidates, selection);
      return { filtered, scores, ordered: engine.sort(filtered.docs, scores, sort) };
    };
    // As in the browser: every index the query needs (and the vocabulary of compound words), the
    // facets it selects, and the sort figure its sort needs, before the first results; the other
    // facets follow them.
    let started = process.hrtime.bigint();
    const prepared = words.length ? indexes : ["kort"];
    for (const name of prepared) await engine.prepare(words, name, prepared);
    await engine.loadFacets(engine.selectedFacets({ selection }));
    if (engine.needsSort(sort)) await engine.loadSort(sort);
    const firstLoaded = process.hrtime.bigint();
    let result = compute(indexes);
    const firstComputed = process.hrtime.bigint();
    await engine.documents(result.ordered.slice(0, manifest.pageSize));
    const first = {
      count: result.ordered.length,
      fetched: fetched.slice(),
      loadMs: Number(firstLoaded - started) / 1e6,
      queryMs: Number(firstComputed - firstLoaded) / 1e6,
    };
    started = process.hrtime.bigint();
    await engine.loadFacets();
    const loaded = process.hrtime.bigint();
    result = compute(indexes);
    const done = process.hrtime.bigint();
    const docs = await engine.documents(result.ordered.slice(0, manifest.pageSize));
    const all = request.allIds === false ? [] : await engine.documents(result.ordered);
    const counts = {};
    engine.facets.forEach((f) => {
      counts[f.key] = {};
      f.codes.forEach((code, i) => {
        if (result.filtered.counts[f.key][i]) counts[f.key][code] = result.filtered.counts[f.key][i];
      });
    });
    answers.push({
      q: query.q,
      words,
      ids: all.map((d) => d[0]),
      firstPage: docs.map((d) => d[1]),
      scores: result.scores === null ? null : result.ordered.map((d) => [d, result.scores.get(d)]),
      order: result.ordered,
      // the first documents as a page finds them (Engine.order, without sorting every match)
      firsts: (request.firsts || []).map((end) => engine.order(result.filtered.docs, result.scores, sort, end)),
      count: result.ordered.length,
      counts,
      first,
      loadMs: Number(loaded - started) / 1e6,
      queryMs: Number(done - loaded) / 1e6,
      fetched: fetched.slice(),
      url: engine.stateToSearch({ q: query.q || "", sort: query.sort || "", page: 1, selection }),
    });
  }
  return answers;
}

(async () => {
  const text = textAnswers();
  const answer = text !== null ? text : await search();
  process.stdout.write(JSON.stringify(answer));
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
