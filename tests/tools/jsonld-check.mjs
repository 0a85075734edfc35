// jsonld-check.mjs: checks JSON-LD blocks against the schema.org vocabulary.
//
//   node tests/tools/jsonld-check.mjs [--base=IRI] MODULES DATA [FILE...]
//
// MODULES  a folder where `npm install --prefix MODULES jsonld@8` was run
//          (MODULES/node_modules/jsonld); the node_modules folder itself works too.
// DATA     tests/data/schemaorg (types.txt, properties.txt, subclasses.txt,
//          members.txt, context.jsonld).
// FILE     a file holding one JSON-LD block (the text of one
//          <script type="application/ld+json">). Without FILE arguments the
//          paths are read from standard input, one a line.
// --base   resolve relative IRIs against IRI (without it they are problems).
//
// Each block is expanded with jsonld.js in safe mode, with a document loader
// that answers the schema.org context URLs (https://schema.org, https://schema.org/,
// http://schema.org, http://schema.org/ and /docs/jsonldcontext.jsonld under
// either) with DATA/context.jsonld and refuses every other URL, so nothing goes
// to the network. Then, on the expanded form:
//   - expansion must not fail, must not be empty, and must keep every term of
//     the input (counted on both sides: safe mode misses a term set to null);
//   - every @type and every property must be http(s)://schema.org/NAME with NAME
//     a class (types.txt) or a property (properties.txt); enumeration members
//     (members.txt) may appear only as values (@id, or a string IRI), and a
//     schema.org IRI given as a value must name a member or another term;
//   - a property used on a typed node must have one of the node's types, or an
//     ancestor of one (subclasses.txt), among its domains. Two schema.org
//     conventions are allowed: a Role node repeats the property that points to
//     it (member -> OrganizationRole -> member), and Action nodes may carry
//     NAME-input / NAME-output annotations for a property NAME of theirs.
// Untyped nodes get no domain check. Every @id must be absolute (safe mode
// does not catch a relative string in a property coerced to @id, like url).
//
// Output: one `FILE: problem` line per problem and exit status 1, or
// `ok N blocks` and exit status 0. Bad arguments (or no FILE at all): a
// message on stderr, status 2.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const KEYWORDS = new Set([
  '@base', '@container', '@context', '@direction', '@graph', '@id', '@import',
  '@included', '@index', '@json', '@language', '@list', '@nest', '@none',
  '@prefix', '@propagate', '@protected', '@reverse', '@set', '@type', '@value',
  '@version', '@vocab',
]);

function usage(message) {
  process.stderr.write(`jsonld-check: ${message}\n` +
    'usage: node jsonld-check.mjs [--base=IRI] MODULES DATA [FILE...]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let base = null;
const positional = [];
for (const a of args) {
  if (a.startsWith('--base=')) base = a.slice('--base='.length);
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else positional.push(a);
}
if (positional.length < 2) usage('MODULES and DATA are needed');
const [modulesDir, dataDir, ...fileArgs] = positional;

const requireFrom = createRequire(path.join(
  path.resolve(modulesDir.replace(/[\\/]node_modules[\\/]?$/, '')), 'index.js'));
let jsonld;
try {
  jsonld = requireFrom('jsonld');
} catch (err) {
  usage(`cannot load jsonld from ${modulesDir}: ${err.message}`);
}

// ---- the vocabulary -------------------------------------------------------

function lines(name) {
  return readFileSync(path.join(dataDir, name), 'utf8').split('\n').filter((l) => l !== '');
}
function table(name) {
  const m = new Map();
  for (const l of lines(name)) {
    const [k, v = ''] = l.split('\t');
    m.set(k, v === '' ? [] : v.split(','));
  }
  return m;
}

const types = new Set(lines('types.txt'));
const properties = table('properties.txt');
const parents = table('subclasses.txt');
const members = table('members.txt');
const context = JSON.parse(readFileSync(path.join(dataDir, 'context.jsonld'), 'utf8'));

const ancestorCache = new Map();
function ancestors(type) {
  let set = ancestorCache.get(type);
  if (!set) {
    set = new Set([type]);
    ancestorCache.set(type, set); // before the walk, in case of a cycle
    for (const p of parents.get(type) || []) for (const a of ancestors(p)) set.add(a);
  }
  return set;
}

// Bare name of a schema.org IRI (either scheme), or null.
function sdoName(iri) {
  const m = /^https?:\/\/schema\.org\/(.+)$/.exec(iri);
  return m ? m[1] : null;
}

// ---- loading --------------------------------------------------------------

const CONTEXT_URLS = new Set();
for (const scheme of ['https', 'http']) {
  for (const p of ['', '/', '/docs/jsonldcontext.jsonld']) CONTEXT_URLS.add(`${scheme}://schema.org${p}`);
}

async function documentLoader(url) {
  if (CONTEXT_URLS.has(url)) return { contextUrl: null, documentUrl: url, document: context };
  throw new Error(`refused to load ${url} (only the schema.org context is available offline)`);
}

// Keys of the local context, and of any inline context in the block, that
// alias a keyword (`type`, `id`): they are not terms for the dropped count.
function keywordAliases(doc) {
  const aliases = new Set();
  const addFrom = (ctx) => {
    for (const c of Array.isArray(ctx) ? ctx : [ctx]) {
      if (!c || typeof c !== 'object') continue;
      for (const [k, v] of Object.entries(c)) {
        const id = typeof v === 'string' ? v : v && typeof v === 'object' ? v['@id'] : null;
        if (typeof id === 'string' && KEYWORDS.has(id)) aliases.add(k);
      }
    }
  };
  addFrom(context['@context']);
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ('@context' in v) addFrom(v['@context']);
      for (const [k, x] of Object.entries(v)) if (k !== '@context') walk(x);
    }
  };
  walk(doc);
  return aliases;
}

// Terms (non-keyword keys) of the input, outside contexts and @value.
function inputTerms(v, aliases, out) {
  if (Array.isArray(v)) for (const x of v) inputTerms(x, aliases, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '@context' || k === '@value' || k === '@json') continue;
      if (!KEYWORDS.has(k) && !aliases.has(k)) out.push(k);
      inputTerms(x, aliases, out);
    }
  }
  return out;
}

// Property IRIs of the expanded output (one per property of each node).
function outputTerms(v, out) {
  if (Array.isArray(v)) for (const x of v) outputTerms(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '@value') continue;
      if (!k.startsWith('@')) out.push(k);
      outputTerms(x, out);
    }
  }
  return out;
}

function localName(s) {
  return s.replace(/^.*[/#:]/, '');
}

function describe(err) {
  const event = err && err.details && err.details.event;
  if (event) {
    const d = event.details || {};
    const where = d.property !== undefined ? ` (${d.property})` : d.id !== undefined ? ` (${d.id})` : '';
    return `safe mode: ${event.message.replace(/\.$/, '')}${where}`;
  }
  const details = (err && err.details) || {};
  if (details.cause && details.cause.message) return `${details.code || err.message}: ${details.cause.message}`;
  return err && err.message ? err.message : String(err);
}

// ---- the vocabulary check of an expanded block ----------------------------

function checkVocabulary(expanded, report) {
  const checkValueIri = (iri) => {
    const n = sdoName(iri);
    if (n !== null && !/[/?#]/.test(n) && !members.has(n) && !types.has(n) && !properties.has(n)) {
      report(`value ${iri} is not a schema.org enumeration member or term`);
    }
  };

  const visit = (v, via) => {
    if (Array.isArray(v)) { for (const x of v) visit(x, via); return; }
    if (!v || typeof v !== 'object') return;
    if ('@value' in v) {
      if (typeof v['@value'] === 'string') checkValueIri(v['@value']);
      const t = v['@type'];
      if (typeof t === 'string' && sdoName(t) !== null && !types.has(sdoName(t))) {
        report(`value type ${sdoName(t)} is not in the schema.org vocabulary`);
      }
      return;
    }
    if ('@list' in v) { visit(v['@list'], via); return; }
    if ('@set' in v) { visit(v['@set'], via); return; }

    const known = [];
    for (const t of v['@type'] || []) {
      const n = sdoName(t);
      if (n === null) report(`type ${t} is not a schema.org IRI`);
      else if (types.has(n)) known.push(n);
      else if (members.has(n)) report(`type ${n} is an enumeration member (of ${members.get(n).join(', ')}), not a type`);
      else report(`type ${n} is not in the schema.org vocabulary`);
    }
    if (typeof v['@id'] === 'string') {
      // safe mode catches relative @id keys, not strings coerced to @id (url, sameAs)
      if (!/^([a-zA-Z][a-zA-Z0-9+.-]*:|_:)/.test(v['@id'])) {
        report(`relative IRI ${v['@id']}${via ? ` as ${via}` : ''} (give absolute IRIs, or --base)`);
      }
      checkValueIri(v['@id']);
    }
    const isRole = known.some((t) => ancestors(t).has('Role'));

    for (const [k, x] of Object.entries(v)) {
      if (k === '@graph' || k === '@included') { visit(x, null); continue; }
      if (k === '@reverse') {
        for (const [rk, rx] of Object.entries(x)) {
          const n = sdoName(rk);
          if (n === null) report(`property ${rk} is not a schema.org IRI`);
          else if (!properties.has(n)) report(`property ${n} is not in the schema.org vocabulary`);
          visit(rx, null);
        }
        continue;
      }
      if (k.startsWith('@')) continue;
      const n = sdoName(k);
      if (n === null) { report(`property ${k} is not a schema.org IRI`); visit(x, null); continue; }
      const annotation = /^(.+)-(input|output)$/.exec(n);
      const prop = properties.has(n) ? n
        : annotation && properties.has(annotation[1]) && known.some((t) => ancestors(t).has('Action')) ? annotation[1]
        : null;
      if (prop === null) {
        if (types.has(n)) report(`property ${n} is a type, not a property`);
        else if (members.has(n)) report(`property ${n} is an enumeration member, not a property`);
        else report(`property ${n} is not in the schema.org vocabulary`);
      } else if (known.length > 0) {
        const domains = properties.get(prop);
        const ok = domains.length === 0
          || known.some((t) => domains.some((d) => ancestors(t).has(d)))
          || (isRole && prop === via);
        if (!ok) report(`property ${n} is not a property of ${known.join(', ')}`);
      }
      visit(x, prop);
    }
  };
  visit(expanded, null);
}

// ---- main -----------------------------------------------------------------

async function checkFile(file, report) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    report(err.code ? `cannot read: ${err.message}` : `not JSON: ${err.message}`);
    return;
  }
  let expanded;
  try {
    expanded = await jsonld.expand(doc, { documentLoader, safe: true, base });
  } catch (err) {
    report(`expansion failed: ${describe(err)}`);
    return;
  }
  if (!Array.isArray(expanded) || expanded.length === 0) {
    report('expands to nothing (no node with a property or a type)');
    return;
  }
  const before = inputTerms(doc, keywordAliases(doc), []);
  const after = outputTerms(expanded, []);
  if (after.length < before.length) {
    const kept = new Set(after.map(localName));
    const lost = [...new Set(before.filter((k) => !kept.has(localName(k))))];
    report(`${before.length - after.length} of ${before.length} terms dropped by expansion` +
      (lost.length ? `: ${lost.join(', ')}` : ''));
  }
  checkVocabulary(expanded, report);
}

async function main() {
  let files = fileArgs;
  if (files.length === 0) {
    files = readFileSync(0, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  }
  if (files.length === 0) usage('no FILE given, and none on standard input');
  let problems = 0;
  for (const file of files) {
    const seen = new Set();
    await checkFile(file, (p) => {
      if (seen.has(p)) return;
      seen.add(p);
      problems += 1;
      process.stdout.write(`${file}: ${p}\n`);
    });
  }
  if (problems > 0) process.exit(1);
  process.stdout.write(`ok ${files.length} blocks\n`);
}

main().catch((err) => {
  process.stderr.write(`jsonld-check: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
