// Render CSL-JSON items with citeproc-js, for comparison with citex.export.render.
// Usage: node render.js STYLE.csl LOCALES_DIR < items.json
//   -> JSON array of {"id": ..., "entry": ...}: the bibliography, in its order, as text.
// An item citeproc-js renders as nothing has no entry (its id is left out too).
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [stylePath, localesDir] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(0, "utf8"));
const byId = Object.fromEntries(items.map((item) => [String(item.id), item]));
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"));
engine.setOutputFormat("text");
engine.updateItems(Object.keys(byId));
const [meta, entries] = engine.makeBibliography();
// entry_ids keeps the ids of items that rendered empty; entries does not.
const empty = new Set(meta.bibliography_errors.map((error) => String(error.itemID)));
const ids = meta.entry_ids.map((ids) => String(ids[0])).filter((id) => !empty.has(id));
const result = entries.map((entry, index) => ({ id: ids[index], entry: entry.trim() }));
process.stdout.write(JSON.stringify(result));
