// Render CSL-JSON items with citeproc-js, for comparison with citex.export.render.
// Usage: node render.js STYLE.csl LOCALES_DIR < items.json
//   -> JSON array of {"id": ..., "entry": ...}: the bibliography, in its order, as text.
// An item citeproc-js renders as nothing has no entry (its id is left out too).
// Input {"batches": [[items], [items], ...]} renders each batch as a bibliography of its
// own and outputs an array of such arrays (one run: compiling a style takes seconds).
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [stylePath, localesDir] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const batches = Array.isArray(input) ? [input] : input.batches;
const style = fs.readFileSync(stylePath, "utf8");
let byId = {};
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, style);
engine.setOutputFormat("text");

function bibliography(items) {
  byId = Object.fromEntries(items.map((item) => [String(item.id), item]));
  engine.updateItems(Object.keys(byId));
  const [meta, entries] = engine.makeBibliography();
  // entry_ids keeps the ids of items that rendered empty; entries does not.
  const empty = new Set(meta.bibliography_errors.map((error) => String(error.itemID)));
  const ids = meta.entry_ids.map((ids) => String(ids[0])).filter((id) => !empty.has(id));
  return entries.map((entry, index) => ({ id: ids[index], entry: entry.trim() }));
}

const results = batches.map(bibliography);
process.stdout.write(JSON.stringify(Array.isArray(input) ? results[0] : results));
