/* Before Material's script starts: put back what every page leaves out for it (its search box and the words of
 * its messages, the same on every page: page-shared.js, written by the build), and point its search at
 * plan-search.js, which loads Material's own search worker (named in Material's configuration, so a Material
 * upgrade changes nothing here) and re-ranks its results. */
(function () {
  var shared = window.__md_shared || {}
  var box = document.querySelector('[data-md-component="search"]')
  if (box && !box.firstElementChild && shared.search_box)
    box.innerHTML = shared.search_box
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  if (!config.translations)
    config.translations = shared.translations
  var material = config.search.split("/").pop()
  var worker = document.currentScript.getAttribute("src").replace(/search-setup\.js$/, "workers/plan-search.js")
  config.search = worker + "?material=" + encodeURIComponent(material)
  element.textContent = JSON.stringify(config)
})()
