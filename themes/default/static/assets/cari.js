/* Etalase search page (/cari/): live search with filters over the site's
   own index (cari/indeks/, its format in ARCHITECTURE.md). A first search
   loads meta.json and one dictionary shard per word; the cards of the
   results on screen come in chunks. The query, the filters and the order
   live in the
   page's address (?q=keripik&kecamatan=Medansatria&urut=nama), so a result
   list can be shared and the back button works. Without this script, or
   when the bundle cannot be loaded, the form and the static lists below it
   remain. Every request stays on the site's own origin. */
(function () {
  "use strict";
  var form = document.getElementById("cari");
  if (!form || form.getAttribute("data-built") !== "true" || !window.URLSearchParams) return;
  var ui = document.getElementById("cari-ui");
  var browse = document.getElementById("cari-browse");
  var input = document.getElementById("cari-q");
  var boxes = document.getElementById("cari-filters");
  var status = document.getElementById("cari-status");
  var list = document.getElementById("cari-results");
  var more = document.getElementById("cari-more");
  var sort = document.getElementById("cari-sort");
  var text = {};
  // The filters, in the page's order, from their labels (search.filters).
  var FILTERS = [];
  Array.prototype.forEach.call(document.querySelectorAll("#cari-text [data-k]"), function (el) {
    var key = el.getAttribute("data-k");
    text[key] = el.textContent;
    if (key.indexOf("f-") === 0) FILTERS.push(key.slice(2));
  });
  var PAGE = 20;
  var engine = null, shown = 0, results = [], runs = 0, filtersLoaded = false;

  // The filters' sets are loaded only when filters are used: browsing
  // without a query, a filter in the address, or the resident asking.
  function needsFilters(s) { return !s.q || Object.keys(s.filters).length > 0; }
  function loadFilters() {
    if (filtersLoaded) return Promise.resolve();
    return engine.filters().then(function () { filtersLoaded = true; });
  }

  function t(key, fallback) { return text[key] || fallback || key; }
  function label(filter, value) {
    if (filter === "jenis") return t("kind-" + value, value);
    return t("v-" + value, value);
  }
  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content != null) e.textContent = content;
    return e;
  }

  // The state in the address: q, urut, and each filter's chosen values.
  function readState() {
    var p = new URLSearchParams(location.search);
    var urut = p.get("urut");
    var s = { q: p.get("q") || "", urut: urut === "diperbarui" || urut === "nama" ? urut : "cocok", filters: {} };
    FILTERS.forEach(function (f) {
      var v = p.getAll(f);
      if (v.length) s.filters[f] = v;
    });
    return s;
  }
  function writeState(s, push) {
    var p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    FILTERS.forEach(function (f) { (s.filters[f] || []).forEach(function (v) { p.append(f, v); }); });
    if (s.urut !== "cocok") p.set("urut", s.urut);
    var qs = p.toString();
    var url = location.pathname + (qs ? "?" + qs : "");
    if (url === location.pathname + location.search) return;
    history[push ? "pushState" : "replaceState"](null, "", url);
  }
  function formState() {
    var s = { q: input.value.trim(), urut: sort.value, filters: {} };
    Array.prototype.forEach.call(boxes.querySelectorAll("input:checked"), function (c) {
      (s.filters[c.name] = s.filters[c.name] || []).push(c.value);
    });
    return s;
  }

  // Filters with their counts for the current results.
  function drawFilters(s, counts) {
    boxes.textContent = "";
    if (!filtersLoaded) {
      var ask = el("button", "filters-show", t("show-filters"));
      ask.type = "button";
      ask.addEventListener("click", function () {
        loadFilters().then(function () { return run(formState()); });
      });
      boxes.appendChild(ask);
      boxes.hidden = false;
      return;
    }
    FILTERS.forEach(function (f) {
      var values = counts[f] || {};
      var keys = Object.keys(values).filter(function (v) {
        return values[v] > 0 || (s.filters[f] || []).indexOf(v) >= 0;
      });
      if (!keys.length) return;
      keys.sort(function (a, b) { return label(f, a).localeCompare(label(f, b), "id"); });
      var set = el("details", "filter");
      if (s.filters[f]) set.open = true;
      set.appendChild(el("summary", null, t("f-" + f, f)));
      var ul = el("ul", "filter-values");
      keys.forEach(function (v) {
        var li = el("li");
        var lab = el("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = f;
        box.value = v;
        // The attribute too: the checked state then shows in the markup.
        box.defaultChecked = box.checked = (s.filters[f] || []).indexOf(v) >= 0;
        lab.appendChild(box);
        lab.appendChild(document.createTextNode(" " + label(f, v) + " "));
        lab.appendChild(el("span", "count", "(" + (values[v] || 0) + ")"));
        li.appendChild(lab);
        ul.appendChild(li);
      });
      set.appendChild(ul);
      boxes.appendChild(set);
    });
    boxes.hidden = false;
  }

  function card(r) {
    var m = r.meta || {};
    var li = el("li", "result" + (m.tutup ? " is-closed" : ""));
    var h = el("h2", "result-name");
    var a = el("a", null, m.title || r.url);
    a.href = r.url;
    h.appendChild(a);
    li.appendChild(h);
    var where = [t("kind-" + m.jenis, m.jenis), m.kecamatan, m.kelurahan].filter(Boolean);
    li.appendChild(el("p", "result-meta", where.join(" · ")));
    if (m.tutup) li.appendChild(el("p", "badge closed", t("closed")));
    if (m.produk) li.appendChild(el("p", "result-product", m.produk + (m.harga ? " — " + m.harga : "")));
    if (m.wa || m.tel) {
      var act = el("a", "btn " + (m.wa ? "btn-wa" : "btn-call"), m.wa ? t("wa") : t("call"));
      act.href = m.wa ? "https://wa.me/" + m.wa : "tel:+" + m.tel;
      li.appendChild(act);
    }
    return li;
  }

  function showMore() {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= results.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      data.forEach(function (d) { list.appendChild(card(d)); });
    });
  }

  function run(s) {
    if (!filtersLoaded && needsFilters(s)) {
      return loadFilters().then(function () { return run(s); });
    }
    var mine = ++runs;
    var filters = {};
    Object.keys(s.filters).forEach(function (f) { filters[f] = { any: s.filters[f] }; });
    return engine.search(s.q, { filters: filters, sort: s.urut }).then(function (found) {
      if (mine !== runs) return;
      found = found || { results: [], filters: {} };
      results = found.results;
      shown = 0;
      list.textContent = "";
      status.textContent = results.length
        ? t("results", "{count}").replace("{count}", results.length.toLocaleString("id-ID"))
        : t("none");
      drawFilters(s, found.filters || {});
      return showMore();
    });
  }

  function apply(s) {
    input.value = s.q;
    sort.value = s.urut;
    return run(s);
  }

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var s = formState();
      writeState(s, false);
      run(s);
    }, 200);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var s = formState();
    writeState(s, true);
    run(s);
  });
  boxes.addEventListener("change", function () {
    var s = formState();
    writeState(s, true);
    run(s);
  });
  sort.addEventListener("change", function () {
    var s = formState();
    writeState(s, true);
    run(s);
  });
  more.addEventListener("click", showMore);
  window.addEventListener("popstate", function () { if (engine) apply(readState()); });

  status.textContent = t("loading");
  ui.hidden = false;
  engine = Engine(form.getAttribute("data-bundle"), form.getAttribute("data-base"));
  engine.init()
    .then(function () {
      browse.hidden = true;
      return apply(readState());
    })
    .catch(function () {
      status.textContent = t("failed");
    });

  /* The index reader. search(q, {filters, sort}) gives
     {results: [{id, data()}], filters: {name: {value: count}}}. */
  function Engine(base, pages) {
    var files = {}, meta = null, sets = null;
    function get(name, json) {
      if (!files[name]) {
        files[name] = fetch(base + name).then(function (r) {
          if (!r.ok) throw new Error(name + ": " + r.status);
          return json ? r.json() : r.text();
        });
      }
      return files[name];
    }
    var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i" };
    // As the index's terms are made (src/search/index.rs).
    function terms(text) {
      var s = text.toLowerCase().replace(/[ßæœøđłı]/g, function (c) { return FOLD[c]; });
      s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    }
    // As src/search/index.rs stems: -nya, -an, then a prefix, each only
    // while four letters stay; a nasal prefix only before a consonant.
    var NASAL = ["meng", "meny", "mem", "men", "peng", "peny", "pem", "pen"];
    var PLAIN = ["ber", "ter", "di"];
    function stem(word) {
      if (word.length < 5 || !/^[a-z]+$/.test(word)) return word;
      var w = word;
      ["nya", "an"].forEach(function (s) {
        if (w.length >= s.length + 4 && w.slice(-s.length) === s) w = w.slice(0, -s.length);
      });
      var starts = function (p) { return w.length >= p.length + 4 && w.indexOf(p) === 0; };
      var nasal = NASAL.filter(starts)[0];
      if (nasal) {
        if ("aeiou".indexOf(w[nasal.length]) < 0) w = w.slice(nasal.length);
      } else {
        var plain = PLAIN.filter(starts)[0];
        if (plain) w = w.slice(plain.length);
      }
      return w;
    }
    // A shard: its terms (front-coded in the file) and their postings.
    function shard(i) {
      return get("kata-" + i + ".txt").then(function (text) {
        var words = [], posts = [], prev = "";
        text.split("\n").forEach(function (line) {
          if (!line) return;
          var a = line.indexOf(" "), b = line.indexOf(" ", a + 1);
          var word = prev.slice(0, parseInt(line.slice(0, a), 36)) + line.slice(a + 1, b);
          words.push(word);
          posts.push(line.slice(b + 1));
          prev = word;
        });
        return { words: words, posts: posts };
      });
    }
    function shardOf(word) {
      var lo = 0, hi = meta.shards.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (meta.shards[mid] <= word) lo = mid; else hi = mid - 1;
      }
      return lo;
    }
    // Entries and the field each was found in: [doc, class, doc, class...].
    function decode(list) {
      var out = [], at = 0;
      list.split(",").forEach(function (x) {
        var v = parseInt(x, 36);
        at += Math.floor(v / 4);
        out.push(at, v % 4);
      });
      return out;
    }
    function distance(a, b, max) {
      if (Math.abs(a.length - b.length) > max) return max + 1;
      var prev = [], cur, i, j;
      for (j = 0; j <= b.length; j++) prev[j] = j;
      for (i = 1; i <= a.length; i++) {
        cur = [i];
        var best = i;
        for (j = 1; j <= b.length; j++) {
          cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (cur[j] < best) best = cur[j];
        }
        if (best > max) return max + 1;
        prev = cur;
      }
      return prev[b.length];
    }
    // The entries a word finds, with a score each: an exact term counts
    // most, a term it begins (typing goes on) less, a near spelling least;
    // a name more than a product, a product more than a place or a text.
    function lookup(word, last, weaker) {
      // One typo in a word of five letters or more.
      var fuzzy = word.length >= 5 ? 1 : 0;
      var prefix = word.length >= 2 || last;
      var first = shardOf(word);
      var wanted = [first];
      return shard(first).then(function (sh) {
        // A prefix may go on into the next shards.
        var more = [], k = first;
        while (prefix && k + 1 < meta.shards.length && meta.shards[k + 1].indexOf(word) === 0 && more.length < 2) {
          more.push(++k);
        }
        return Promise.all([sh].concat(more.map(shard)));
      }).then(function (shards) {
        var scores = new Map();
        shards.forEach(function (sh) {
          sh.words.forEach(function (w, i) {
            var q = w === word ? 3 : prefix && w.indexOf(word) === 0 ? 2
              : fuzzy && distance(word, w, fuzzy) <= fuzzy ? 1 : 0;
            if (!q) return;
            // A stem's match counts as a word begun, not a whole word.
            if (weaker) q = Math.min(q, 2);
            var d = decode(sh.posts[i]);
            for (var j = 0; j < d.length; j += 2) {
              var score = q * (1 << d[j + 1]);
              if ((scores.get(d[j]) || 0) < score) scores.set(d[j], score);
            }
          });
        });
        return scores;
      });
    }
    // A filter value's entries, as a Uint8Array of membership.
    function members(code) {
      var m = new Uint8Array(meta.n);
      if (code.indexOf("b:") === 0) {
        for (var i = 2; i < code.length; i++) {
          var v = parseInt(code[i], 16), at = (i - 2) * 4;
          for (var k = 0; k < 4; k++) if (v & (8 >> k) && at + k < meta.n) m[at + k] = 1;
        }
        return m;
      }
      var at = 0;
      code.split(",").forEach(function (run) {
        if (!run) return;
        var p = run.split(".");
        at += parseInt(p[0], 36);
        for (var n = parseInt(p[1], 36); n > 0; n--) m[at++] = 1;
      });
      return m;
    }
    function set(f, v) {
      var all = sets[f] || {};
      if (typeof all[v] === "string") all[v] = members(all[v]);
      return all[v] || new Uint8Array(meta.n);
    }
    function card(doc) {
      return get("kartu-" + Math.floor(doc / meta.chunk) + ".json", true).then(function (cards) {
        var c = cards[doc % meta.chunk], m = {};
        meta.fields.forEach(function (f, i) { if (c[i + 1]) m[f] = c[i + 1]; });
        return { url: pages + c[0], meta: m };
      });
    }
    return {
      init: function () {
        return get("meta.json", true).then(function (m) {
          meta = m;
          meta.closed = members(m.closed || "");
        });
      },
      filters: function () { return get("saring.json", true).then(function (s) { sets = s; }); },
      search: function (q, o) {
        var words = terms(q || "");
        // Each word, and its stem ("penjahit" finds "jahitan").
        var found = words.length
          ? Promise.all(words.map(function (w, i) {
              var last = i === words.length - 1, root = stem(w);
              var both = [lookup(w, last, false)];
              if (root !== w) both.push(lookup(root, false, true));
              return Promise.all(both).then(function (maps) {
                var m = maps[0];
                if (maps[1]) {
                  maps[1].forEach(function (v, d) { if ((m.get(d) || 0) < v) m.set(d, v); });
                }
                return m;
              });
            }))
          : Promise.resolve(null);
        return found.then(function (per) {
          var docs = [], score = new Map();
          if (per) {
            // Every word, or as many as any entry has.
            var count = new Map(), best = 0;
            per.forEach(function (scores) {
              scores.forEach(function (v, d) {
                count.set(d, (count.get(d) || 0) + 1);
                score.set(d, (score.get(d) || 0) + v);
              });
            });
            count.forEach(function (c) { if (c > best) best = c; });
            count.forEach(function (c, d) { if (c === best) docs.push(d); });
          } else {
            for (var d = 0; d < meta.n; d++) docs.push(d);
          }
          var chosen = Object.keys(o.filters || {}).filter(function (f) { return sets; });
          if (chosen.length) {
            docs = docs.filter(function (d) {
              return chosen.every(function (f) {
                return o.filters[f].any.some(function (v) { return set(f, v)[d]; });
              });
            });
          }
          // By date, by name, or the best match first (A to Z without
          // words).
          var file = o.sort === "diperbarui" ? "urut.txt"
            : o.sort === "nama" || !per ? "nama.txt" : null;
          var order = file ? get(file) : Promise.resolve(null);
          return order.then(function (list) {
            if (list) {
              var rank = new Map();
              list.split(",").forEach(function (x, i) { rank.set(parseInt(x, 36), i); });
              docs.sort(function (a, b) { return rank.get(a) - rank.get(b); });
            } else {
              // The best match first, an open business before a closed
              // one; else by place and name.
              docs.sort(function (a, b) {
                return meta.closed[a] - meta.closed[b] || (score.get(b) || 0) - (score.get(a) || 0) || a - b;
              });
            }
            var counts = {};
            if (sets) {
              Object.keys(sets).forEach(function (f) {
                counts[f] = {};
                Object.keys(sets[f]).forEach(function (v) {
                  var m = set(f, v), n = 0;
                  for (var i = 0; i < docs.length; i++) n += m[docs[i]];
                  counts[f][v] = n;
                });
              });
            }
            return {
              results: docs.map(function (d) { return { id: d, data: function () { return card(d); } }; }),
              filters: counts
            };
          });
        });
      }
    };
  }
})();
