/* Etalase entry page: a small map of the business's point, on a tap only,
   without Leaflet: the map tiles around data-lat/data-lon of .lokasi as
   <img>, a pin drawn with CSS at the centre, the attribution below. No tile
   is fetched before the tap; without this script the link to the full map
   remains. Optional data-zoom (default 16). Plain ES5, for old phones. */
(function () {
  "use strict";
  var TILE = 256, HEIGHT = 220; // HEIGHT as .peta-kecil in peta.css
  var boxes = document.querySelectorAll ? document.querySelectorAll(".lokasi[data-lat][data-lon][data-tiles]") : [];

  function show(box, button) {
    var lat = parseFloat(box.getAttribute("data-lat")), lon = parseFloat(box.getAttribute("data-lon"));
    var z = parseInt(box.getAttribute("data-zoom") || "16", 10);
    if (isNaN(lat) || isNaN(lon) || Math.abs(lat) > 85 || isNaN(z)) return;
    var tiles = box.getAttribute("data-tiles"), n = Math.pow(2, z);
    // the point in world pixels (Web Mercator) at zoom z
    var s = Math.sin(lat * Math.PI / 180);
    var wx = (lon / 360 + 0.5) * n * TILE;
    var wy = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n * TILE;

    var frame = document.createElement("div");
    frame.className = "peta-kecil";
    frame.setAttribute("aria-hidden", "true");
    var layer = document.createElement("div");
    layer.className = "peta-kecil-ubin"; // at the frame's centre: the point
    frame.appendChild(layer);
    var pin = document.createElement("span");
    pin.className = "peta-kecil-pin";
    frame.appendChild(pin);
    box.appendChild(frame);

    // the tiles that cover the frame around the point (3 x 2 on a phone)
    var half = Math.max(frame.clientWidth, 2 * TILE) / 2;
    var x0 = Math.floor((wx - half) / TILE), x1 = Math.floor((wx + half) / TILE);
    var y0 = Math.max(0, Math.floor((wy - HEIGHT / 2) / TILE)), y1 = Math.min(n - 1, Math.floor((wy + HEIGHT / 2) / TILE));
    for (var ty = y0; ty <= y1; ty++) {
      for (var tx = x0; tx <= x1; tx++) {
        var img = document.createElement("img");
        img.alt = "";
        img.width = img.height = TILE;
        img.style.left = Math.round(tx * TILE - wx) + "px";
        img.style.top = Math.round(ty * TILE - wy) + "px";
        img.src = tiles.replace(/\{z\}/g, z).replace(/\{x\}/g, ((tx % n) + n) % n).replace(/\{y\}/g, ty)
          .replace(/\{-y\}/g, n - 1 - ty).replace(/\{s\}/g, "a").replace(/\{r\}/g, "");
        layer.appendChild(img);
      }
    }

    var text = box.getAttribute("data-attribution");
    if (text) {
      var p = document.createElement("p"), url = box.getAttribute("data-attribution-url") || "";
      p.className = "peta-kecil-atribusi";
      var a = document.createElement(/^(https?:\/\/|\/)/i.test(url) ? "a" : "span");
      if (a.tagName === "A") a.href = url;
      a.textContent = text;
      p.appendChild(a);
      box.appendChild(p);
    }
    // the button goes; the keyboard focus goes to the link to the full map
    var link = box.querySelector("a");
    button.hidden = true;
    if (link) link.focus();
  }

  for (var k = 0; k < boxes.length; k++) {
    (function (box) {
      var button = box.querySelector(".tombol-peta");
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", function () { show(box, button); });
    })(boxes[k]);
  }
})();
