/* Etalase default theme: progressive enhancement only; every page works without it.
   On an entry page, says whether the business is open now from the data-hours
   of #open-status and highlights today's row; on an event page, says when the
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
  var el = document.getElementById("open-status");
  if (!el) return;
  var hours;
  try { hours = JSON.parse(el.getAttribute("data-hours") || "{}"); } catch (e) { return; }
  var days = ["minggu", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu"];
  var now = siteNow(el);
  var day = now.getUTCDay();
  var t = now.getUTCHours() * 60 + now.getUTCMinutes();
  function min(s) { var p = String(s).split(":"); return +p[0] * 60 + +p[1]; }
  function ranges(d) { var r = hours[days[(d + 7) % 7]]; return Array.isArray(r) ? r : []; }
  var open = false;
  ranges(day).forEach(function (r) {
    var o = min(r[0]), c = min(r[1]);
    if (o === c || (c > o ? t >= o && t < c : t >= o)) open = true;
  });
  ranges(day - 1).forEach(function (r) {
    var o = min(r[0]), c = min(r[1]);
    if (c < o && t < c) open = true;
  });
  el.textContent = el.getAttribute(open ? "data-open" : "data-shut");
  el.className += open ? " is-open" : " is-shut";
  el.hidden = false;
  var row = document.querySelector('.hours tr[data-day="' + days[day] + '"]');
  if (row) row.className += " today";
})();
})();
