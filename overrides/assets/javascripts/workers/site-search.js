/* The site's search worker, as Material's script starts it on every page view (search-setup.js names it).
 * It downloads nothing until the first query: then it loads the engine (site-search-engine.js) and the index's
 * head together, and answers each query in turn, skipping a query that a newer one has replaced. It speaks
 * Material's search messages only (tests/browser/test_search_browser.py pins their numbers). */

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

let engine = null
let latest = 0
let queue = Promise.resolve()

addEventListener("message", event => {
  const { type, data } = event.data
  if (type === SETUP)
    postMessage({ type: READY })
  if (type === QUERY) {
    const number = ++latest
    queue = queue.then(() => number === latest ? answer(data) : undefined)
  }
})

async function answer(query) {
  // Material asks with an empty box when a page opens: that loads nothing
  if (!/[\p{L}\p{N}]/u.test(query)) {
    postMessage({ type: RESULT, data: { items: [] } })
    return
  }
  try {
    if (engine === null) {
      const base = new URL("../../../", self.location.href)
      const head = fetch(new URL("search/index/head.json", base)).then(response => response.json())
      importScripts(new URL("site-search-engine.js", self.location.href).href)
      engine = self.siteSearch(base, await head)
    }
    postMessage({ type: RESULT, data: await engine.search(query) })
  } catch (error) {
    engine = null
    console.error("搜索出错：", error)
    postMessage({ type: RESULT, data: { items: [] } })
  }
}
