/* Etalase map page (/peta/): the businesses' points on a Leaflet map,
   grouped on a screen grid, filtered by the selects of #peta-saring, whose
   values are kept in the address (?jenis=umkm&kategori=kuliner). Load after
   leaflet.js, both with defer. Without Leaflet, or when the points cannot be
   loaded, the page stays as it was (the list below the map needs no script).
   Text from the data goes in with textContent, never as HTML. ES5. */
(function () {
  "use strict";
  var box = document.getElementById("peta"), L = window.L;
  if (!box || !L || !L.map || !window.XMLHttpRequest || !window.Float64Array) return;
  var CELL = 64; // grid cell, screen pixels
  // Each kind's colour is the stylesheet's (--kind-umkm, ...: the cards'
  // borders), read once, so a theme changes it in one place.
  var COLOURS = {}, style = window.getComputedStyle ? getComputedStyle(document.documentElement) : null;
  function colour(kind) {
    if (!Object.prototype.hasOwnProperty.call(COLOURS, kind)) COLOURS[kind] = (style && style.getPropertyValue("--kind-" + kind).trim()) || "";
    return COLOURS[kind] || (kind === "umkm" ? "gray" : colour("umkm"));
  }
  var form = document.getElementById("peta-saring"), out = document.getElementById("peta-jumlah");
  var selKind = form && form.elements.namedItem("jenis"), selCat = form && form.elements.namedItem("kategori");
  var map;

  function attr(name, fallback) { return box.getAttribute("data-" + name) || fallback; }
  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function link(href, text, parent, cls) {
    var a = el("a", cls, text, parent);
    if (!/^\s*(javascript|data|vbscript):/i.test(href)) a.href = href;
    return a;
  }
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
  var fmt = null; // one formatter: toLocaleString makes a new one each call, slowly
  try { fmt = new Intl.NumberFormat(document.documentElement.lang || "id"); } catch (e) { fmt = null; }
  function num(n) { return fmt ? fmt.format(n) : String(n); }
  function get(url, done) {
    var x = new XMLHttpRequest();
    x.open("GET", url);
    x.onload = function () {
      var d = null;
      if (x.status >= 200 && x.status < 300) try { d = JSON.parse(x.responseText); } catch (e) { d = null; }
      done(d);
    };
    x.onerror = x.onabort = function () { done(null); };
    x.send();
  }

  // The map's room is the stylesheet's; a note while the points load.
  var wait = el("p", "peta-memuat", attr("label-loading", "Memuat…"), box);
  box.className += " peta-aktif";
  mark("peta-minta");
  get(attr("points", "titik.json"), function (d) {
    mark("peta-json");
    box.removeChild(wait);
    var ok = false;
    try { ok = start(d); } catch (e) { if (window.console) console.error(e); }
    if (!ok) {
      if (map) map.remove();
      box.className = box.className.replace(/ peta-aktif\b/g, "");
      box.hidden = true;
      if (form) form.hidden = true;
    }
  });

  function start(d) {
    var n = d && d.lat && d.lat.length;
    if (!n || !d.lon || d.lon.length !== n || !d.kind || d.kind.length !== n || !d.category ||
        d.category.length !== n || !(d.chunk > 0) || !d.details || !d.bbox || d.bbox.length !== 4) return false;
    var kindNames = d.kind_names || d.kinds || [], catNames = d.category_names || d.categories || [];

    // Decode once. lat/lon: 1e-5 degree, delta coded. X/Y: Web Mercator in
    // 0..1, so a point's world pixel at zoom z is X * 256 * 2^z (as Leaflet's).
    var LAT = new Float64Array(n), LON = new Float64Array(n), X = new Float64Array(n), Y = new Float64Array(n);
    var KIND = new Uint8Array(n), CAT = new Uint16Array(n), SHOWN = new Uint8Array(n);
    var a = 0, b = 0, i, s;
    for (i = 0; i < n; i++) {
      a += d.lat[i]; b += d.lon[i];
      LAT[i] = a / 1e5; LON[i] = b / 1e5;
      X[i] = LON[i] / 360 + 0.5;
      s = Math.sin(LAT[i] * Math.PI / 180);
      Y[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      KIND[i] = d.kind[i]; CAT[i] = d.category[i];
    }
    mark("peta-urai");

    var maxZoom = parseInt(attr("max-zoom", "19"), 10) || 19;
    map = L.map(box, { preferCanvas: true, maxZoom: maxZoom, zoomControl: false, attributionControl: false });
    L.control.zoom({ zoomInTitle: attr("label-zoom-in", "Perbesar"), zoomOutTitle: attr("label-zoom-out", "Perkecil") }).addTo(map);
    // the attribution control takes HTML: made of escaped text
    var att = esc(attr("attribution", "")), attUrl = attr("attribution-url", "");
    if (att && /^(https?:\/\/|\/)/i.test(attUrl)) att = '<a href="' + esc(attUrl) + '">' + att + "</a>";
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
    L.tileLayer(attr("tiles", ""), { maxZoom: maxZoom, attribution: att }).addTo(map);
    map.fitBounds([[d.bbox[0], d.bbox[1]], [d.bbox[2], d.bbox[3]]], { padding: [16, 16], maxZoom: 16 });

    // Single points are circles on one canvas (tolerance: easier to hit with
    // a finger). Canvas circles cannot take the keyboard focus, the groups
    // (L.marker) can; the list below the map covers every business anyway.
    var canvas = L.canvas({ padding: 0.25, tolerance: 6 });
    var group = L.layerGroup().addTo(map);
    var popup = L.popup({ maxWidth: Math.max(160, Math.min(260, box.clientWidth - 90)), minWidth: 150, autoPanPadding: [12, 12] });
    var drawn = {}, drawnZoom = -1, drawnVersion = -1, version = 0, seq = 0, chunks = {}, waiting = {};

    function row(i) { var c = chunks[Math.floor(i / d.chunk)]; return c && c[i % d.chunk]; }
    // Details come in chunks of d.chunk points, loaded when first needed.
    function chunk(c, done) {
      if (chunks[c]) return done();
      if (waiting[c]) return waiting[c].push(done);
      waiting[c] = [done];
      get(d.details.replace("{n}", c), function (rows) {
        var w = waiting[c], k;
        delete waiting[c];
        if (rows && rows.length) chunks[c] = rows; // a failure is tried again next time
        for (k = 0; k < w.length; k++) w[k]();
      });
    }

    // One point: its name (link to its page), kind and category, address,
    // kecamatan, WhatsApp. Several (a group at the last zoom): their names.
    function body(list, failed) {
      var div = el("div", "peta-popup"), ul, r, k, i = list[0];
      if (list.length === 1) {
        r = row(i);
        if (r) link(r[1], r[0], el("p", "peta-nama", null, div)).title = attr("label-open", "");
        el("p", "peta-jenis", [kindNames[KIND[i]], catNames[CAT[i]]].join(" · "), div);
        if (r && r[4]) el("p", "peta-alamat", r[4], div);
        if (r && r[3]) el("p", "peta-kec", r[3], div);
        if (r && r[2]) {
          r = link(r[2], attr("label-whatsapp", "WhatsApp"), el("p", null, null, div), "tombol-wa");
          r.target = "_blank"; r.rel = "noopener";
        }
      } else {
        ul = el("ul", "peta-popup-daftar", null, div);
        for (k = 0; k < list.length; k++) if ((r = row(list[k]))) link(r[1], r[0], el("li", null, null, ul));
        r = ul.firstChild;
      }
      if (!r) el("p", "peta-memuat", failed ? attr("label-error", "Data tidak dapat dimuat.") : attr("label-loading", "Memuat…"), div);
      return div;
    }
    // Opens at once ("Memuat…" if needed) and is filled when the chunks have
    // come, unless another popup was opened meanwhile.
    function show(latlng, list) {
      var my = ++seq, need = {}, left = 0, k;
      for (k = 0; k < list.length; k++) if (!row(list[k])) need[Math.floor(list[k] / d.chunk)] = 1;
      popup.setLatLng(latlng).setContent(body(list, false)).openOn(map);
      for (k in need) left++;
      for (k in need) chunk(+k, function () {
        if (--left) return;
        for (var j = 0, missing = false; j < list.length; j++) if (!row(list[j])) missing = true;
        if (my === seq && map.hasLayer(popup)) popup.setContent(body(list, missing));
      });
    }
    map.on("popupopen", function (e) {
      var x = e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (x) { x.title = attr("label-close", "Tutup"); x.setAttribute("aria-label", x.title); }
    });

    function onPoint() { show([LAT[this.i], LON[this.i]], [this.i]); }
    function onGroup(e) {
      if (e.type === "keypress" && e.originalEvent.keyCode !== 13) return;
      var c = this.cell, scale = map.options.crs.scale(map.getZoom()) / CELL, list = [], bounds = L.latLngBounds([]), k;
      for (k = 0; k < n; k++) {
        if (SHOWN[k] && Math.floor(X[k] * scale) === c.x && Math.floor(Y[k] * scale) === c.y) {
          list.push(k); bounds.extend([LAT[k], LON[k]]);
        }
      }
      if (map.getZoom() >= map.getMaxZoom()) show(this.getLatLng(), list);
      else map.fitBounds(bounds, { padding: [48, 48], maxZoom: map.getMaxZoom() });
    }
    function make(c) {
      var m, size, label;
      if (c.n === 1) {
        m = L.circleMarker([LAT[c.i], LON[c.i]], { renderer: canvas, radius: 7, weight: 2, color: "#fff", opacity: 1,
          fillColor: colour((d.kinds && d.kinds[KIND[c.i]]) || "umkm"), fillOpacity: 1 });
        m.i = c.i;
        return m.on("click", onPoint);
      }
      size = c.n < 10 ? 1 : c.n < 100 ? 2 : c.n < 1000 ? 3 : c.n < 10000 ? 4 : 5;
      label = attr("label-cluster", "{n}").replace("{n}", num(c.n));
      // At the middle of its points, but a bubble's width from its cell's
      // edges: bubbles of two cells never overlap (the widest, 58 px, is
      // less than a cell).
      var z = map.getZoom(), half = (28 + 6 * size) / 2, p = map.project([c.lat / c.n, c.lon / c.n], z);
      p.x = Math.min((c.x + 1) * CELL - half, Math.max(c.x * CELL + half, p.x));
      p.y = Math.min((c.y + 1) * CELL - half, Math.max(c.y * CELL + half, p.y));
      m = L.marker(map.unproject(p, z), { title: label, riseOnHover: true,
        icon: L.divIcon({ className: "peta-kelompok peta-k" + size, html: String(c.n), iconSize: [28 + 6 * size, 28 + 6 * size] }) });
      m.cell = c; m.label = label;
      return m.on("click keypress", onGroup);
    }

    // Groups the shown points of the padded view by cells of the world pixel
    // grid of this zoom. The grid does not move with the view and only whole
    // cells are taken, so after a pan a cell's group is unchanged: only cells
    // entering or leaving the view are drawn or removed. A zoom or a filter
    // draws everything again.
    function draw() {
      var z = map.getZoom(), scale = map.options.crs.scale(z) / CELL, pb = map.getPixelBounds();
      var px = (pb.max.x - pb.min.x) / 4, py = (pb.max.y - pb.min.y) / 4;
      var x0 = Math.floor((pb.min.x - px) / CELL), x1 = Math.floor((pb.max.x + px) / CELL);
      var y0 = Math.floor((pb.min.y - py) / CELL), y1 = Math.floor((pb.max.y + py) / CELL);
      var cells = {}, focused = document.activeElement, i, cx, cy, k, c, m;
      if (z !== drawnZoom || version !== drawnVersion) {
        group.clearLayers(); drawn = {}; drawnZoom = z; drawnVersion = version;
      }
      for (i = 0; i < n; i++) {
        if (!SHOWN[i]) continue;
        cx = Math.floor(X[i] * scale);
        if (cx < x0 || cx > x1) continue;
        cy = Math.floor(Y[i] * scale);
        if (cy < y0 || cy > y1) continue;
        c = cells[k = cx + "," + cy];
        if (c) { c.n++; c.lat += LAT[i]; c.lon += LON[i]; }
        else cells[k] = { n: 1, i: i, x: cx, y: cy, lat: LAT[i], lon: LON[i] };
      }
      for (k in drawn) if (!cells[k]) { group.removeLayer(drawn[k]); delete drawn[k]; }
      for (k in cells) if (!drawn[k]) {
        group.addLayer(m = drawn[k] = make(cells[k]));
        if (m.label) m.getElement().setAttribute("aria-label", m.label);
      }
      // the focused group is gone after a zoom: focus the map, not the page top
      if (focused && focused !== document.body && !document.body.contains(focused)) box.focus();
    }

    // The filters, read from and written to the address.
    function param(name) {
      var parts = location.search.slice(1).split("&"), k, kv;
      for (k = 0; k < parts.length; k++) {
        kv = parts[k].split("=");
        if (kv[0] === name) try { return decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); } catch (e) { return ""; }
      }
      return "";
    }
    function pick(sel) {
      if (!sel) return;
      for (var v = param(sel.name), k = 0; k < sel.options.length; k++) if (sel.options[k].value === v) sel.value = v;
    }
    function writeAddress() {
      if (!window.history || !history.replaceState) return;
      var keep = [], parts = location.search.slice(1).split("&"), k;
      for (k = 0; k < parts.length; k++) if (parts[k] && !/^(jenis|kategori)=/.test(parts[k])) keep.push(parts[k]);
      if (selKind && selKind.value) keep.push("jenis=" + encodeURIComponent(selKind.value));
      if (selCat && selCat.value) keep.push("kategori=" + encodeURIComponent(selCat.value));
      history.replaceState(history.state, "", location.pathname + (keep.length ? "?" + keep.join("&") : "") + location.hash);
    }
    function index(list, sel) {
      if (!sel || !sel.value) return -1;
      var k = (list || []).indexOf(sel.value);
      return k < 0 ? -2 : k; // a value the data lacks shows nothing
    }
    function filter() {
      var fk = index(d.kinds, selKind), fc = index(d.categories, selCat), shown = 0, k;
      for (k = 0; k < n; k++) shown += SHOWN[k] = (fk === -1 || KIND[k] === fk) && (fc === -1 || CAT[k] === fc) ? 1 : 0;
      version++;
      if (out) out.textContent = attr("label-count", "{n} / {total}").replace("{n}", num(shown)).replace("{total}", num(n));
    }

    pick(selKind); pick(selCat);
    filter();
    draw();
    mark("peta-gambar");
    map.on("moveend", draw); // fired after every zoom too
    if (form) {
      form.hidden = false;
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      form.addEventListener("change", function () { filter(); writeAddress(); map.closePopup(); draw(); });
    }
    return true;
  }
})();
