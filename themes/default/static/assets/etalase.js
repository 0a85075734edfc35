/* Etalase default theme: progressive enhancement only; every page works without it.
   Says whether a business is open now from the data-hours of each
   .open-status (an entry page's, and every card's in a grid, whose words
   and clock the grid holds) and highlights today's row on an entry page; on an event page, says when the
   event is over (#event-past, data-until = last day). Both read the clock of
   the site's time zone: data-utc-offset, in minutes (420 WIB, 480 WITA, 540 WIT). */
(function () {
function siteNow(el) {
  var offset = parseInt(el.getAttribute("data-utc-offset"), 10);
  return new Date(Date.now() + (isNaN(offset) ? 420 : offset) * 60000);
}
(function () {
  var past = document.getElementById("event-past");
  if (past && past.getAttribute("data-until") < siteNow(past).toISOString().slice(0, 10)) past.hidden = false;
})();
(function () {
  var days = ["minggu", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu"];
  function min(s) { var p = String(s).split(":"); return +p[0] * 60 + +p[1]; }
  function openAt(hours, now) {
    var day = now.getUTCDay(), t = now.getUTCHours() * 60 + now.getUTCMinutes(), open = false;
    function ranges(d) { var r = hours[days[(d + 7) % 7]]; return Array.isArray(r) ? r : []; }
    ranges(day).forEach(function (r) {
      var o = min(r[0]), c = min(r[1]);
      if (o === c || (c > o ? t >= o && t < c : t >= o)) open = true;
    });
    ranges(day - 1).forEach(function (r) {
      var o = min(r[0]), c = min(r[1]);
      if (c < o && t < c) open = true;
    });
    return open;
  }
  var all = document.querySelectorAll(".open-status[data-hours]");
  for (var i = 0; i < all.length; i++) {
    var el = all[i], hours, said = el.closest("[data-shut]") || el;
    try { hours = JSON.parse(el.getAttribute("data-hours") || "{}"); } catch (e) { continue; }
    var open = openAt(hours, siteNow(said));
    el.textContent = said.getAttribute(open ? "data-open" : "data-shut");
    el.className += open ? " is-open" : " is-shut";
  }
  if (document.getElementById("open-status")) {
    var row = document.querySelector('.hours tr[data-day="' + days[siteNow(document.getElementById("open-status")).getUTCDay()] + '"]');
    if (row) row.className += " today";
  }
})();
})();
