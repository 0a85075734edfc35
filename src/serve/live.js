// `etalase serve` adds this script to every page it serves, never to a
// built site. It reloads the page when the site has been built again, and
// shows the problems of a build that failed over the page, until a save
// fixes them.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = Number(me && me.getAttribute("data-generation")) || 0;
  var page = (me && me.getAttribute("data-page")) || "";
  var asking = false;
  var wanted = 0;

  // A later generation: the page reloads when its own bytes changed (or
  // it is gone), not for every save of another page, nor twice for one
  // save (the edited page is served before the open data follows).
  function check(generation) {
    wanted = generation;
    if (asking) {
      return;
    }
    asking = true;
    fetch(location.href, { cache: "no-store" })
      .then(function (r) {
        return r.ok ? r.text() : "";
      })
      .then(function (text) {
        var now = /data-page="([0-9a-f]+)"/.exec(text);
        asking = false;
        if (!now || now[1] !== page) {
          location.reload();
        } else {
          shown = generation;
          if (wanted !== generation) {
            check(wanted);
          }
        }
      })
      .catch(function () {
        asking = false;
        location.reload();
      });
  }
  var box = null;

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function show(problems) {
    hide();
    box = document.createElement("section");
    box.id = "etalase-masalah";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "etalase-masalah-judul");
    box.style.cssText =
      "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:80vh;" +
      "overflow:auto;background:#fff;color:#1a1a1a;border-bottom:4px solid #b00020;" +
      "padding:1rem;font:16px/1.45 system-ui,sans-serif;box-shadow:0 2px 12px rgba(0,0,0,.3)";
    var h = document.createElement("h2");
    h.id = "etalase-masalah-judul";
    h.textContent = "Situs belum bisa dibangun ulang";
    h.style.cssText = "margin:0 0 .5rem;font-size:1.2rem;color:#b00020";
    var p = document.createElement("p");
    p.textContent =
      "Halaman yang tampil masih versi terakhir yang berhasil. " +
      "Perbaiki berkas yang disebut di bawah lalu simpan; pesan ini hilang sendiri.";
    p.style.margin = "0 0 .5rem";
    var pre = document.createElement("pre");
    pre.textContent = problems.join("\n");
    pre.style.cssText = "white-space:pre-wrap;margin:0;font:14px/1.45 ui-monospace,monospace";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Tutup";
    close.style.cssText = "margin-top:.75rem;font:inherit;padding:.5rem 1rem;min-height:44px";
    close.addEventListener("click", hide);
    box.append(h, p, pre, close);
    document.body.appendChild(box);
  }

  // EventSource connects again by itself when the server restarts.
  var events = new EventSource("/_etalase/events");
  events.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    if (!state.ok) {
      show(state.problems);
    } else if (state.generation !== shown) {
      hide();
      check(state.generation);
    } else {
      hide();
    }
  });
})();
