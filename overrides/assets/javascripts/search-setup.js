/* Before Material's script starts: point its search at plan-search.js, which loads Material's own search worker
 * (named in Material's configuration, so a Material upgrade changes nothing here) and re-ranks its results; and
 * give the search dialog an accessible name (axe: aria-dialog-name), which Material's markup lacks. */
(function () {
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  var material = config.search.split("/").pop()
  var worker = document.currentScript.getAttribute("src").replace(/search-setup\.js$/, "workers/plan-search.js")
  config.search = worker + "?material=" + encodeURIComponent(material)
  element.textContent = JSON.stringify(config)
  var dialog = document.querySelector('[data-md-component="search"][role="dialog"]')
  if (dialog && !dialog.hasAttribute("aria-label"))
    dialog.setAttribute("aria-label", "搜索")
})()
