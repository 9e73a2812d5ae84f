/* Before Material's script starts: put back what every page leaves out for it (the insides of its search box
 * and back-to-top button, and the words of its messages, the same on every page: page-shared.js, written by the
 * build), and point its search at plan-search.js, which loads Material's own search worker (named in
 * Material's configuration, so a Material upgrade changes nothing here) and re-ranks its results. */
(function () {
  var shared = window.__md_shared || {}
  var components = shared.components || {}
  for (var name in components) {
    var component = document.querySelector('[data-md-component="' + name + '"]')
    if (component && !component.firstChild)
      component.innerHTML = components[name]
  }
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  if (!config.translations)
    config.translations = shared.translations
  var material = config.search.split("/").pop()
  var worker = document.currentScript.getAttribute("src").replace(/search-setup\.js$/, "workers/plan-search.js")
  config.search = worker + "?material=" + encodeURIComponent(material)
  element.textContent = JSON.stringify(config)
})()
