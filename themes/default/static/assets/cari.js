/* Etalase search page (/cari/): live search with filters over the site's
   own index (cari/indeks/, its format in ARCHITECTURE.md). A first search
   loads meta.json (with the filters' sets) and one dictionary shard per word;
   a common word's first cards come in its shard's top file, the others
   in chunks, loaded as they come into view. The query, the filters and
   the order live in the page's address (?q=keripik&kecamatan=Medansatria
   &urut=nama), so a result list can be shared and the back button works.
   Without this script the form, its suggestions and the lists below it
   remain. Every request stays on the site's own origin.

   The reader (Engine) runs under Node as well: the suite's relevance
   fixture goes through the same code as the browser. */
(function () {
  "use strict";

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
  // Edit distance, two letters swapped counting as one edit ("anggerk"
  // for "anggrek"), given up above `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          cur[j] = Math.min(cur[j], before[j - 2] + 1);
        }
        if (cur[j] < best) best = cur[j];
      }
      if (best > max) return max + 1;
      before = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* The index reader. `load(name)` gives a file of the index as text.
     search(q, {filters, sort}) gives {results: [entry numbers], filters:
     {name: {value: count}}, tops: [[shard, file, line] of top cards]}; card(n) an
     entry's card {url, meta}. */
  function Engine(pages, load) {
    var files = {}, meta = null, sets = null, known = {};
    function get(name, json) {
      if (!files[name]) {
        files[name] = load(name).then(function (text) { return json ? JSON.parse(text) : text; });
      }
      return files[name];
    }
    // A shard: its terms (front-coded in the file), their postings, and
    // which have a file of first cards (postings begun with "*").
    function shard(i) {
      return get("kata-" + i + ".txt").then(function (text) {
        var words = [], posts = [], tops = [], prev = "", counted = 0;
        text.split("\n").forEach(function (line) {
          if (!line) return;
          var a = line.indexOf(" "), b = line.indexOf(" ", a + 1);
          var word = prev.slice(0, parseInt(line.slice(0, a), 36)) + line.slice(a + 1, b);
          // A top file's word: which of its shard's top files holds it.
          var top = line.charAt(b + 1) === "*" ? Math.floor(counted++ / meta.tops) : -1;
          words.push(word);
          posts.push(line.slice(b + (top >= 0 ? 2 : 1)));
          tops.push(top);
          prev = word;
        });
        return { i: i, words: words, posts: posts, tops: tops };
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
    // Entries and the field each was found in: [entry, class, ...].
    function decode(list) {
      var out = [], at = 0;
      list.split(",").forEach(function (x) {
        var v = parseInt(x, 36);
        at += Math.floor(v / 4);
        out.push(at, v % 4);
      });
      return out;
    }
    // The entries a word finds, with a score each: an exact term counts
    // most, a term it begins (typing goes on) less, a near spelling least;
    // a name more than a product, a product more than a place or a text.
    function lookup(word, last, weaker) {
      // One typo in a word of five letters or more.
      var fuzzy = word.length >= 5 ? 1 : 0;
      var prefix = word.length >= 2 || last;
      // Written without an h, as often said ("jait" for "jahit", "liat"
      // for "lihat"): as close as a word begun.
      var plain = word.length >= 3 && word.indexOf("h") < 0 ? word : null;
      var first = shardOf(word);
      return shard(first).then(function (sh) {
        // A prefix may go on into the next shards.
        var more = [], k = first;
        while (prefix && k + 1 < meta.shards.length && meta.shards[k + 1].indexOf(word) === 0 && more.length < 2) {
          more.push(++k);
        }
        return Promise.all([sh].concat(more.map(shard)));
      }).then(function (shards) {
        var scores = new Map(), tops = [];
        shards.forEach(function (sh) {
          sh.words.forEach(function (w, i) {
            var q = w === word ? 3 : prefix && w.indexOf(word) === 0 ? 2
              : plain && w.length === word.length + 1 && w.replace("h", "") === plain ? 2
              : fuzzy && distance(word, w, fuzzy) <= fuzzy ? 1 : 0;
            if (!q) return;
            if (q === 3 && !weaker && sh.tops[i] >= 0) tops.push([sh.i, sh.tops[i], i]);
            // A stem's match counts as a word begun, not a whole word.
            if (weaker) q = Math.min(q, 2);
            var d = decode(sh.posts[i]);
            for (var j = 0; j < d.length; j += 2) {
              var score = q * (1 << d[j + 1]);
              if ((scores.get(d[j]) || 0) < score) scores.set(d[j], score);
            }
          });
        });
        return { scores: scores, tops: tops };
      });
    }
    // A filter value's entries, as a Uint8Array of membership: runs, a
    // bitmap (six entries a digit), or "!" and the entries not in it.
    var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    function members(code) {
      var m = new Uint8Array(meta.n), i, k, at = 0;
      if (code.charAt(0) === "!") {
        var not = members(code.slice(1));
        for (i = 0; i < meta.n; i++) m[i] = 1 - not[i];
        return m;
      }
      if (code.indexOf("b:") === 0) {
        for (i = 2; i < code.length; i++) {
          var v = DIGITS.indexOf(code.charAt(i));
          at = (i - 2) * 6;
          for (k = 0; k < 6; k++) if (v & (32 >> k) && at + k < meta.n) m[at + k] = 1;
        }
        return m;
      }
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
    function made(c) {
      var m = {};
      meta.fields.forEach(function (f, i) { if (c[i + 1]) m[f] = c[i + 1]; });
      return { url: pages + c[0], meta: m };
    }
    return {
      init: function () {
        return get("meta.json", true).then(function (m) {
          meta = m;
          meta.closed = members(meta.closed || "");
          sets = meta.sets || {};
        });
      },
      // The first cards of common words, kept for card().
      prime: function (tops) {
        return Promise.all(tops.map(function (top) {
          return get("atas-" + top[0] + "-" + top[1] + ".json", true).then(function (lines) {
            (lines[top[2]] || []).forEach(function (c) { known[c[0]] = made(c[1]); });
          });
        }));
      },
      known: function (doc) { return known[doc]; },
      card: function (doc) {
        if (known[doc]) return Promise.resolve(known[doc]);
        return get("kartu-" + Math.floor(doc / meta.chunk) + ".json", true).then(function (cards) {
          return (known[doc] = made(cards[doc % meta.chunk]));
        });
      },
      search: function (q, o) {
        var words = terms(q || "");
        // Each word, and its stem ("penjahit" finds "jahitan").
        var found = words.length
          ? Promise.all(words.map(function (w, i) {
              var last = i === words.length - 1, root = stem(w);
              var both = [lookup(w, last, false)];
              if (root !== w) both.push(lookup(root, false, true));
              // Two words written as one ("jati asih" finds "Jatiasih").
              if (!last) both.push(lookup(w + words[i + 1], i + 2 === words.length, false));
              return Promise.all(both);
            }))
          : Promise.resolve(null);
        return found.then(function (per) {
          // What a joined pair finds counts for both its words.
          (per || []).forEach(function (both, i) {
            var joined = both[2];
            if (!joined) return;
            both.length = 2;
            joined.scores.forEach(function (v, d) {
              [per[i], per[i + 1]].forEach(function (b) {
                var m = b[0].scores;
                if ((m.get(d) || 0) < v) m.set(d, v);
              });
            });
          });
          return per;
        }).then(function (per) {
          var docs = [], score = new Map(), tops = [];
          if (per) {
            // Every word, or as many as any entry has.
            var count = new Map(), best = 0;
            per.forEach(function (both) {
              var m = both[0].scores;
              tops = tops.concat(both[0].tops);
              if (both[1]) {
                both[1].scores.forEach(function (v, d) { if ((m.get(d) || 0) < v) m.set(d, v); });
              }
              m.forEach(function (v, d) {
                count.set(d, (count.get(d) || 0) + 1);
                score.set(d, (score.get(d) || 0) + v);
              });
            });
            count.forEach(function (c) { if (c > best) best = c; });
            count.forEach(function (c, d) { if (c === best) docs.push(d); });
            // First cards help a word alone only.
            if (per.length > 1) tops = [];
          } else {
            for (var d = 0; d < meta.n; d++) docs.push(d);
          }
          var chosen = Object.keys(o.filters || {});
          if (chosen.length) {
            docs = docs.filter(function (d) {
              return chosen.every(function (f) {
                return o.filters[f].some(function (v) { return set(f, v)[d]; });
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
              var rank = new Int32Array(meta.n);
              list.split(",").forEach(function (x, i) { rank[parseInt(x, 36)] = i; });
              docs.sort(function (a, b) { return rank[a] - rank[b]; });
              tops = [];
            } else {
              // The best match first, an open business before a closed
              // one; else by place and name.
              docs.sort(function (a, b) {
                return meta.closed[a] - meta.closed[b] || (score.get(b) || 0) - (score.get(a) || 0) || a - b;
              });
            }
            var counts = {};
            Object.keys(sets).forEach(function (f) {
              counts[f] = {};
              Object.keys(sets[f]).forEach(function (v) {
                var m = set(f, v), n = 0;
                for (var i = 0; i < docs.length; i++) n += m[docs[i]];
                counts[f][v] = n;
              });
            });
            return { results: docs, filters: counts, tops: tops };
          });
        });
      }
    };
  }

  if (typeof document === "undefined") {
    if (typeof module !== "undefined") module.exports = { Engine: Engine, stem: stem, terms: terms };
    return;
  }

  var form = document.getElementById("cari");
  if (!form || form.getAttribute("data-built") !== "true" || !window.URLSearchParams || !window.fetch) return;
  var input = document.getElementById("cari-q");
  var panel = document.getElementById("cari-filters");
  var boxes = document.getElementById("cari-sets");
  var chosenNote = document.getElementById("cari-chosen");
  var status = document.getElementById("cari-status");
  var list = document.getElementById("cari-results");
  var more = document.getElementById("cari-more");
  var sort = document.getElementById("cari-sort");
  var offset = parseInt(form.getAttribute("data-utc-offset"), 10);
  var text = {};
  // The filters, in the page's order, from their labels (search.filters).
  var FILTERS = [];
  Array.prototype.forEach.call(document.querySelectorAll("#cari-text [data-k]"), function (e) {
    var key = e.getAttribute("data-k");
    text[key] = e.textContent;
    if (key.indexOf("f-") === 0) FILTERS.push(key.slice(2));
  });
  // Cards shown at once; those of the first screen are waited for before
  // any is drawn, the others fill in as they come into view.
  var PAGE = 20, FIRST = 4;
  var engine = null, shown = 0, results = [], runs = 0;
  var watch = window.IntersectionObserver ? new IntersectionObserver(function (seen) {
    seen.forEach(function (s) {
      if (!s.isIntersecting) return;
      watch.unobserve(s.target);
      fill(s.target);
    });
  }, { rootMargin: "400px 0px" }) : null;

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
  function same(a, b) { return String(a).toLowerCase().replace(/[^a-z0-9]/g, "") === String(b).toLowerCase().replace(/[^a-z0-9]/g, ""); }

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
    var chosen = 0;
    FILTERS.forEach(function (f) {
      var values = counts[f] || {};
      var keys = Object.keys(values).filter(function (v) {
        return values[v] > 0 || (s.filters[f] || []).indexOf(v) >= 0;
      });
      if (!keys.length) return;
      keys.sort(function (a, b) { return label(f, a).localeCompare(label(f, b), "id"); });
      var group = el("fieldset", "filter");
      group.appendChild(el("legend", null, t("f-" + f, f)));
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
        if (box.checked) chosen++;
        lab.appendChild(box);
        lab.appendChild(document.createTextNode(" " + label(f, v) + " "));
        lab.appendChild(el("span", "count", "(" + (values[v] || 0).toLocaleString("id-ID") + ")"));
        li.appendChild(lab);
        ul.appendChild(li);
      });
      group.appendChild(ul);
      boxes.appendChild(group);
    });
    chosenNote.textContent = chosen ? " · " + t("chosen", "{count}").replace("{count}", chosen) : "";
  }

  // Whether a business is open now, by its hours (seven days from Monday,
  // each "x" closed, or its opening and closing minute in base 36) and
  // the site's clock; null when its hours are not known for today.
  function openNow(jam) {
    if (!jam) return null;
    var days = jam.split(",");
    var now = new Date(Date.now() + (isNaN(offset) ? 420 : offset) * 60000);
    var today = (now.getUTCDay() + 6) % 7, t0 = now.getUTCHours() * 60 + now.getUTCMinutes();
    function span(d) {
      var h = days[(d + 7) % 7];
      if (!h || h === "x") return null;
      var p = h.split("-");
      return [parseInt(p[0], 36), parseInt(p[1], 36)];
    }
    var y = span(today - 1);
    if (y && y[1] < y[0] && t0 < y[1]) return true;
    if (!days[today]) return null;
    var s = span(today);
    if (!s) return false;
    return s[0] === s[1] || (s[1] > s[0] ? t0 >= s[0] && t0 < s[1] : t0 >= s[0]);
  }

  function drawCard(li, r) {
    var m = r.meta;
    li.className = "result" + (m.tutup ? " is-closed" : "");
    li.removeAttribute("aria-busy");
    li.textContent = "";
    var h = el("h2", "result-name");
    var a = el("a", null, m.title || r.url);
    a.href = r.url;
    h.appendChild(a);
    li.appendChild(h);
    // The kind, then the places, a kelurahan named like its kecamatan once.
    var where = [t("kind-" + m.jenis, m.jenis), m.kecamatan];
    if (m.kelurahan && !same(m.kelurahan, m.kecamatan || "")) where.push(m.kelurahan);
    li.appendChild(el("p", "result-meta", where.filter(Boolean).join(" · ")));
    if (m.alamat) li.appendChild(el("p", "result-address", m.alamat));
    if (m.produk) li.appendChild(el("p", "result-product", m.produk + (m.harga ? " — " + m.harga : "")));
    if (m.tutup) {
      li.appendChild(el("p", "badge closed", t("closed")));
    } else {
      var open = openNow(m.jam);
      if (open !== null) li.appendChild(el("p", "result-open " + (open ? "is-open" : "is-shut"), open ? t("open") : t("shut")));
    }
    if (m.wa || m.tel) {
      var act = el("p", "result-actions");
      if (m.wa) {
        var wa = el("a", "btn btn-wa", t("wa"));
        wa.href = "https://wa.me/" + m.wa;
        act.appendChild(wa);
      }
      if (m.tel) {
        var call = el("a", "btn btn-call", t("call"));
        call.href = "tel:+" + m.tel;
        act.appendChild(call);
      }
      li.appendChild(act);
    }
  }
  function fill(li) {
    var doc = +li.getAttribute("data-n"), mine = runs;
    engine.card(doc).then(function (r) { if (mine === runs) drawCard(li, r); });
  }

  function showMore() {
    var next = results.slice(shown, shown + PAGE), mine = runs;
    shown += next.length;
    more.hidden = shown >= results.length;
    // The first screen's cards are waited for: nothing moves once drawn.
    var first = list.children.length ? [] : next.slice(0, FIRST);
    return Promise.all(first.map(engine.card)).then(function () {
      if (mine !== runs) return;
      next.forEach(function (doc) {
        var li = el("li", "result is-loading");
        li.setAttribute("data-n", doc);
        var r = engine.known(doc);
        if (r) drawCard(li, r);
        else li.setAttribute("aria-busy", "true");
        list.appendChild(li);
        if (!r) {
          if (watch) watch.observe(li);
          else fill(li);
        }
      });
    });
  }

  function run(s) {
    var mine = ++runs;
    return engine.search(s.q, { filters: s.filters, sort: s.urut }).then(function (found) {
      if (mine !== runs) return;
      return engine.prime(found.tops).then(function () {
        if (mine !== runs) return;
        results = found.results;
        shown = 0;
        if (watch) watch.disconnect();
        list.textContent = "";
        status.textContent = results.length
          ? t("results", "{count}").replace("{count}", results.length.toLocaleString("id-ID"))
          : t("none");
        drawFilters(s, found.filters);
        return showMore();
      });
    });
  }

  function apply(s) {
    input.value = s.q;
    sort.value = s.urut;
    if (Object.keys(s.filters).length) panel.open = true;
    return run(s);
  }

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var s = formState();
      writeState(s, false);
      run(s);
    }, 150);
  });
  function now(ev) {
    if (ev) ev.preventDefault();
    var s = formState();
    writeState(s, true);
    run(s);
  }
  form.addEventListener("submit", now);
  boxes.addEventListener("change", function () { now(); });
  sort.addEventListener("change", function () { now(); });
  more.addEventListener("click", showMore);
  window.addEventListener("popstate", function () { if (engine) apply(readState()); });

  // The results take the place of the note for browsers without script.
  var nojs = document.getElementById("cari-nojs");
  if (nojs) nojs.hidden = true;
  var base = form.getAttribute("data-bundle");
  engine = Engine(form.getAttribute("data-base"), function (name) {
    return fetch(base + name).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status);
      return r.text();
    });
  });
  engine.init()
    .then(function () { return apply(readState()); })
    .catch(function () { status.textContent = t("failed"); });
})();
