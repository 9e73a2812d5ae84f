/* Point Material's search at plan-search.js, which loads Material's own search worker (named in
 * Material's configuration, so a Material upgrade changes nothing here) and re-ranks its results. */
(function () {
  var script = document.currentScript
  var element = document.getElementById("__config")
  var config = JSON.parse(element.textContent)
  var material = config.search.split("/").pop()
  config.search = script.dataset.worker + "?material=" + encodeURIComponent(material)
  element.textContent = JSON.stringify(config)
})()
