// Runs queries through the search page's own reader (cari.js's Engine)
// over a built site's index, as the browser does, with the files read
// from disk instead of fetched.
//
//   node search-run.cjs CARI_JS INDEX_DIR < queries.json
//
// queries.json: [{"q": "keripik", "filters": {"kecamatan": ["Jatiasih"]}}]
// prints, for each query, a line of JSON: {"n": count, "top": [url, ...],
// "all": [url, ...]} (the first three results' page paths, and all).
"use strict";
const fs = require("fs");
const path = require("path");
const { Engine } = require(path.resolve(process.argv[2]));
const dir = process.argv[3];
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const engine = Engine("", (name) => fs.promises.readFile(path.join(dir, name), "utf8"));
(async () => {
  await engine.init();
  for (const query of queries) {
    const found = await engine.search(query.q, { filters: query.filters || {}, sort: query.sort || "cocok" });
    await engine.prime(found.tops);
    const all = await Promise.all(found.results.map((d) => engine.card(d)));
    const urls = all.map((c) => c.url);
    console.log(JSON.stringify({ n: urls.length, top: urls.slice(0, 3), all: urls }));
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
