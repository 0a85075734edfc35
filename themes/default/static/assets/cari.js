/* Etalase search page (/cari/): live search with filters over the Pagefind
   bundle of the site. The query, the filters and the order live in the
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
  var pagefind = null, shown = 0, results = [], runs = 0, filtersLoaded = false;

  // The filter index (every page's filter values) is the largest part of
  // a first search on a big site, so it is loaded only when filters are
  // used: browsing without a query, a filter in the address, or the
  // resident asking for them.
  function needsFilters(s) { return !s.q || Object.keys(s.filters).length > 0; }
  function loadFilters() {
    if (filtersLoaded) return Promise.resolve();
    return pagefind.filters().then(function () { filtersLoaded = true; });
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
    var s = { q: p.get("q") || "", urut: p.get("urut") === "diperbarui" ? "diperbarui" : "nama", filters: {} };
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
    if (s.urut !== "nama") p.set("urut", s.urut);
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
    // Pagefind gives nothing for no query and no filter; every record has
    // a kind, so browsing everything is a filter on all of them.
    if (!s.q && !Object.keys(filters).length) {
      filters.jenis = { any: ["umkm", "koperasi", "pkl", "program", "acara"] };
    }
    var options = { filters: filters, sort: {} };
    options.sort[s.urut] = s.urut === "diperbarui" ? "desc" : "asc";
    return pagefind.search(s.q || null, options).then(function (found) {
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
  window.addEventListener("popstate", function () { if (pagefind) apply(readState()); });

  status.textContent = t("loading");
  ui.hidden = false;
  import(form.getAttribute("data-bundle"))
    .then(function (pf) {
      pagefind = pf;
      // No worker: one script less to fetch on a slow phone, and no wait
      // for a worker that cannot start (Pagefind waits 5 s, then falls
      // back to the page anyway); searching a directory takes
      // milliseconds on the page.
      return pf.options({ baseUrl: form.getAttribute("data-base"), noWorker: true }).then(function () {
        pf.init();
        browse.hidden = true;
        return apply(readState());
      });
    })
    .catch(function () {
      status.textContent = t("failed");
    });
})();
