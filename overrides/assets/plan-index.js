/* The plan index on the home page (overrides/partials/plan/plan_index.html): filter by text, region and tag,
   and sort by a column, over every plan, not only the rows of this page. Every plan's row comes from a
   small script file (assets/plan-index-data.js, written at build time; a script rather than JSON so that
   it also loads from file:// in the offline copy). Plain DOM, no libraries, no inline handlers (the pages'
   Content Security Policy forbids them). Without JavaScript, or until the data has loaded, the filters
   stay hidden and the table shows this page's plans with links to the other pages. */
(function () {
  "use strict";

  var BATCH = 50;  // rows added at a time when filtering or sorting all plans

  function loadData(index, done) {
    if (window.pairingPlanIndex) { done(window.pairingPlanIndex); return; }
    var script = document.createElement("script");
    script.src = index.getAttribute("data-source");
    script.addEventListener("load", function () { if (window.pairingPlanIndex) done(window.pairingPlanIndex); });
    document.head.appendChild(script);
  }

  function link(root, target, text) {
    var a = document.createElement("a");
    a.href = root + target;
    a.textContent = text;
    return a;
  }

  function cell(row, label) {
    var td = row.insertCell();
    if (label) td.setAttribute("data-label", label);
    return td;
  }

  function partyCell(row, label, parties, root) {
    var td = cell(row, label);
    parties.forEach(function (party, i) {
      if (i) td.appendChild(document.createTextNode("、"));
      td.appendChild(link(root, party.url, party.name));
    });
  }

  /* One row, as the template writes it; links in the data are relative to the home page. */
  function planRow(plan, root) {
    var row = document.createElement("tr");
    row.className = "plan-row";
    cell(row).appendChild(link(root, plan.url, plan.title));
    partyCell(row, "帮扶园", plan.helping, root);
    partyCell(row, "受援园", plan.helped, root);
    var period = cell(row, "时间");
    period.textContent = plan.period;
    cell(row, "地区").textContent = plan.regions.join("、");
    var tags = cell(row, "标签");
    plan.tags.forEach(function (tag) {
      var span = document.createElement("span");
      span.className = "plan-tag";
      span.textContent = tag;
      tags.appendChild(span);
    });
    return row;
  }

  function sortValue(plan, column) {
    switch (column) {
      case 0: return plan.title;
      case 1: return plan.helping.map(function (p) { return p.name; }).join("、");
      case 2: return plan.helped.map(function (p) { return p.name; }).join("、");
      case 3: return plan.period_key;
      default: return plan.regions.join("、");
    }
  }

  function searchText(plan) {
    return [plan.title, sortValue(plan, 1), sortValue(plan, 2), plan.period, plan.regions.join(" "),
      plan.tags.join(" ")].join(" ").toLowerCase();
  }

  function fillOptions(select, values) {
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value.name || value;
      option.textContent = value.name ? value.name + "（" + value.count + "）" : value;
      select.appendChild(option);
    });
  }

  function setUp(index, data) {
    var root = index.getAttribute("data-root");
    var form = index.querySelector(".plan-index-filters");
    var count = form.querySelector(".plan-index-count");
    var table = index.querySelector("table");
    var body = table.tBodies[0];
    var pageRows = Array.prototype.slice.call(body.rows);
    var pager = index.querySelector(".plan-pager");
    var more = document.createElement("button");
    var collator = new Intl.Collator("zh-CN");
    var sorted = null;  // {column, ascending} once a column header is clicked
    var matches = [];
    var shownState = null;
    var texts = data.plans.map(searchText);

    more.type = "button";
    more.className = "md-button plan-index-more";
    more.hidden = true;
    table.parentNode.insertBefore(more, table.nextSibling);
    fillOptions(form.elements.region, data.regions);
    fillOptions(form.elements.tag, data.tags);

    function showMore() {
      var shown = body.rows.length;
      matches.slice(shown, shown + BATCH).forEach(function (plan) { body.appendChild(planRow(plan, root)); });
      var left = matches.length - body.rows.length;
      more.hidden = left <= 0;
      more.textContent = "再显示 " + Math.min(left, BATCH) + " 份（还有 " + left + " 份）";
    }

    function apply() {
      var words = form.elements.text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var region = form.elements.region.value;
      var tag = form.elements.tag.value;
      var filtered = words.length || region || tag;
      // Why: the text box's "change" on leaving it (as a result link is pressed) must not rebuild the rows
      // under the pointer, or the click is lost.
      var state = JSON.stringify([words, region, tag, sorted]);
      if (state === shownState) return;
      shownState = state;
      body.textContent = "";
      if (!filtered && !sorted) {
        // This page's own rows, with the links to the other pages.
        pageRows.forEach(function (row) { body.appendChild(row); });
        if (pager) pager.hidden = false;
        more.hidden = true;
        count.textContent = "共 " + data.plans.length + " 份";
        return;
      }
      matches = data.plans.filter(function (plan, i) {
        return (!region || plan.regions.indexOf(region) >= 0) && (!tag || plan.tags.indexOf(tag) >= 0) &&
          words.every(function (word) { return texts[i].indexOf(word) >= 0; });
      });
      if (sorted) {
        matches.sort(function (a, b) {
          var order = collator.compare(sortValue(a, sorted.column), sortValue(b, sorted.column));
          return sorted.ascending ? order : -order;
        });
      }
      if (pager) pager.hidden = true;
      showMore();
      count.textContent = (filtered ? "找到 " + matches.length + " 份，" : "") + "共 " + data.plans.length + " 份";
    }

    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, column) {
      if (!header.getAttribute("data-sort")) return;
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
        sorted = {column: column, ascending: ascending};
        apply();
      });
    });
    more.addEventListener("click", showMore);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  function start() {
    document.querySelectorAll("[data-plan-index]").forEach(function (index) {
      loadData(index, function (data) { setUp(index, data); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
