/* The plan index on the home page (overrides/partials/plan/plan_index.html): filter by text, region and tag,
   and sort by a column. Plain DOM, no libraries, no inline handlers (the pages' Content Security Policy
   forbids them); without JavaScript the filters stay hidden and the table is shown whole. */
(function () {
  "use strict";

  function cellValue(row, column, kind) {
    var cell = row.cells[column];
    return kind === "key" ? cell.getAttribute("data-key") : cell.textContent.trim();
  }

  function setUpSorting(table) {
    var collator = new Intl.Collator("zh-CN");
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, column) {
      var kind = header.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "plan-index-sort";
      button.textContent = header.textContent;
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(cellValue(a, column, kind), cellValue(b, column, kind));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function setUpFilters(index, table) {
    var form = index.querySelector(".plan-index-filters");
    var count = form.querySelector(".plan-index-count");
    var rows = table.tBodies[0].rows;
    function listed(row, name, value) {
      return !value || row.getAttribute("data-" + name).split("\n").indexOf(value) >= 0;
    }
    function apply() {
      var words = form.elements.text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var region = form.elements.region.value;
      var tag = form.elements.tag.value;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = row.textContent.toLowerCase();
        var match = listed(row, "regions", region) && listed(row, "tags", tag) &&
          words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = "显示 " + shown + " / " + rows.length + " 份";
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  function setUp() {
    document.querySelectorAll("[data-plan-index]").forEach(function (index) {
      var table = index.querySelector("table");
      setUpSorting(table);
      setUpFilters(index, table);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
