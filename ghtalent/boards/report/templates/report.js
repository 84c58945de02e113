// Sort, filter and search for the report's tables; a few lines of our own (no library).
// Everything works by event delegation, so nothing runs at load and the page shows at once.
(function () {
  "use strict";
  function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }
  function cellKey(row, i) {
    var c = row.cells[i];
    if (!c) return "";
    var v = c.getAttribute("data-v");
    return v === null || v === "" ? null : parseFloat(v);
  }
  function sortTable(th) {
    var table = th.closest("table");
    var i = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = rowsOf(table);
    rows.sort(function (a, b) {
      var x = cellKey(a, i), y = cellKey(b, i);
      if (x !== null || y !== null) {
        if (x === null) return 1; // unknowns last either way
        if (y === null) return -1;
        return asc ? x - y : y - x;
      }
      var s = a.cells[i].textContent.trim(), t = b.cells[i].textContent.trim();
      if (s === "—") return 1;
      if (t === "—") return -1;
      return asc ? s.localeCompare(t) : t.localeCompare(s);
    });
    var body = table.tBodies[0];
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function applyFilters(table) {
    var box = document.querySelector('.tools[data-for="' + table.id + '"]');
    var text = box ? box.querySelector("input").value.trim().toLowerCase() : "";
    var col = box ? parseInt(box.querySelector("select").value, 10) : -1;
    var global = (document.getElementById("search") || { value: "" }).value.trim().toLowerCase();
    var shown = 0, rows = rowsOf(table);
    rows.forEach(function (r) {
      var own = !text || (col >= 0 ? (r.cells[col] || r).textContent : r.textContent).toLowerCase().indexOf(text) >= 0;
      var all = !global || r.textContent.toLowerCase().indexOf(global) >= 0;
      r.hidden = !(own && all);
      if (!r.hidden) shown++;
    });
    if (text || global) table.classList.remove("folded");
    var count = box && box.querySelector(".count");
    if (count) count.textContent = (text || global) ? shown + " of " + rows.length + " rows" : "";
    return shown;
  }
  document.addEventListener("click", function (e) {
    var th = e.target.closest("table.board th");
    if (th) { sortTable(th); return; }
    var unfold = e.target.closest("button.unfold");
    if (unfold) {
      var t = document.getElementById(unfold.getAttribute("data-for"));
      t.classList.toggle("folded");
      unfold.textContent = t.classList.contains("folded") ? unfold.getAttribute("data-more") : "show fewer rows";
    }
  });
  document.addEventListener("input", function (e) {
    var box = e.target.closest(".tools");
    if (box) { applyFilters(document.getElementById(box.getAttribute("data-for"))); return; }
    if (e.target.id === "search") {
      var hits = 0;
      document.querySelectorAll("table.board").forEach(function (t) {
        var n = applyFilters(t);
        hits += n;
        var sec = t.closest("section.board-section");
        if (sec) sec.classList.toggle("no-match", e.target.value.trim() !== "" && n === 0);
      });
      document.getElementById("search-count").textContent = e.target.value.trim() ? hits + " matching rows" : "";
    }
  });
  document.addEventListener("change", function (e) {
    var box = e.target.closest(".tools");
    if (box) applyFilters(document.getElementById(box.getAttribute("data-for")));
  });
  document.documentElement.classList.add("js");
})();
