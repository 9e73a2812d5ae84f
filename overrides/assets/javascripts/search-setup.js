/* Before Material's script starts: point its search at the site's worker, named by this script's data-worker
 * (site-search.js?shards=N: the site's own index, fetched in parts when a reader searches; plan-search.js in the offline
 * copy: Material's own worker and index, re-ranked), and give the search dialog an accessible name (axe:
 * aria-dialog-name), which Material's markup lacks. The site's worker answers with the best results only, so
 * the count Material shows says so. */
(function () {
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  var script = document.currentScript
  var name = script.getAttribute("data-worker")
  var worker = script.getAttribute("src").replace(/search-setup\.js$/, "workers/" + name)
  if (name.startsWith("plan-search.js"))
    config.search = worker + "?material=" + encodeURIComponent(config.search.split("/").pop())
  else {
    config.search = worker
    config.translations["search.result.other"] = "最相关的 # 个结果"
  }
  element.textContent = JSON.stringify(config)
  var dialog = document.querySelector('[data-md-component="search"][role="dialog"]')
  if (dialog && !dialog.hasAttribute("aria-label"))
    dialog.setAttribute("aria-label", "搜索")
})()
