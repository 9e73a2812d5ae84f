/* The offline copy's search (opened from file://, where site-search.js cannot fetch its index): Material's
 * search worker, with the plan that contains the query as written ranked first.
 *
 * Material's own worker (Lunr, its index, its highlighting) still does the searching: this file loads it
 * and changes two things on the way through, using only Material's message protocol.
 *  - The query, on its way in: each Chinese term is looked up as the words of the index it is made of
 *    (longest first), instead of Material's guess, which can shrink "高枧" to "高".
 *  - The results, on their way out: pages that contain every term as written come first, then pages that
 *    contain some, then pages that share two or more characters in a row with a term; pages that share
 *    only single characters are dropped. Among equals, plan pages come before other pages (the home page lists
 *    every plan's tags), then the page that uses the terms most, then Material's score.
 * It runs as a real worker and inside the iframe shim that Material uses for sites opened from file://.
 */

const SETUP = 0, QUERY = 2, RESULT = 3            // Material's search message types
const WORD_BREAK = "\u200b"                         // what Material's worker splits words on
const PLAN_PAGES = "plans/"
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/
const HAN_CHARACTERS = /[\u3400-\u9fff\uf900-\ufaff]/g
const LONGEST_WORD = 16

const here = self.document ? document.currentScript.src : self.location.href
const material = /[?&]material=([\w.-]+)/.exec(here)[1]

const site = { pages: new Map(), articles: new Map(), words: new Set() }
let current = { terms: [], excluded: [] }         // the query being answered

/* ------------------------------------------------------------------------- */

/* Learn each page's text (as written: no tags, no word marks) and the words of the index */
function learn(config, docs) {
  const separator = new RegExp(config.separator)
  for (const doc of docs) {
    const page = doc.location.split("#")[0]
    const marked = plain(`${doc.title}\n${doc.text}`)
    for (const word of marked.split(separator))
      if (word.length > 1 && word.length <= LONGEST_WORD)
        site.words.add(word)
    site.pages.set(page, (site.pages.get(page) || "") + "\n" + marked.replace(/\u200b/g, ""))
    if (!site.articles.has(page))
      site.articles.set(page, doc)
  }
}

function plain(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"").replace(/&amp;/g, "&").toLowerCase()
}

/* The words of the index a term is made of, longest first (at most `longest` characters each); a
 * character stands alone where no word has it */
function cut(term, longest = LONGEST_WORD) {
  const pieces = []
  for (let start = 0; start < term.length;) {
    let size = Math.max(1, Math.min(longest, term.length - start))
    while (size > 1 && !site.words.has(term.slice(start, start + size)))
      size--
    pieces.push(term.slice(start, start + size))
    start += size
  }
  return pieces
}

/* Two-character pieces of a term: a page that has one shares a word with the term, not just a character */
function pairs(term) {
  const found = []
  for (let start = 0; start + 2 <= term.length; start++)
    found.push(term.slice(start, start + 2))
  return found
}

function startsAWord(prefix) {
  for (const word of site.words)
    if (word.startsWith(prefix))
      return true
  return false
}

/* What to ask Lunr for a Chinese term: the term if a word starts with it, the words it is made of, and
 * its two-character pieces that start a word (so pages sharing only a shorter word are found, ranked
 * lower); single characters only when nothing longer is in the index */
function lookups(term) {
  const words = cut(term).filter(piece => piece.length > 1)
  const found = new Set([...(startsAWord(term) ? [term] : []), ...words, ...pairs(term).filter(startsAWord)])
  return found.size ? [...found] : [...term]
}

/* Material re-cuts every run of Chinese characters in a query; a backslash before each character
 * (Lunr's escape, which Lunr then drops) keeps the words chosen here whole. */
function rewrite(query) {
  return query.trim().split(/\s+/).map(part => (
    HAN.test(part) && /^[^"+\-*:^~\\]+$/.test(part)
      ? lookups(part.toLowerCase()).map(word => word.replace(HAN_CHARACTERS, "\\$&")).join(" ")
      : part
  )).join(" ")
}

function parse(query) {
  const parts = query.toLowerCase().replace(/["*]/g, " ").trim().split(/\s+/).filter(Boolean)
  return {
    terms: parts.filter(part => !part.startsWith("-")).map(part => part.replace(/^\+/, "")).filter(Boolean),
    excluded: parts.filter(part => part.startsWith("-")).map(part => part.slice(1)).filter(Boolean)
  }
}

/* ------------------------------------------------------------------------- */

function rank(result) {
  if (!current.terms.length)
    return result
  const groups = new Map(result.items.map(group => [group[0].location.split("#")[0], group]))
  for (const [page, text] of site.pages)
    if (!groups.has(page) && matchesAsWritten(text))
      groups.set(page, [{ ...site.articles.get(page), score: 0, terms: {} }])
  const ranked = [...groups].map(([page, group]) => ({ group, key: rankKey(page, group) }))
    .filter(({ key: [whole, , partly] }) => whole + partly > 0)
    .sort((a, b) => compare(b.key, a.key))
  return { ...result, items: ranked.map(({ group }) => group) }
}

function matchesAsWritten(text) {
  return current.terms.some(term => text.includes(term))
    && !current.excluded.some(term => text.includes(term))
}

/* [terms as written, is a plan, terms sharing a word, uses of the terms, Material's best score] */
function rankKey(page, group) {
  const text = site.pages.get(page) || ""
  const whole = current.terms.filter(term => text.includes(term))
  const partly = current.terms.filter(term => !text.includes(term)
    && pairs(term).some(pair => text.includes(pair)))
  const uses = whole.reduce((sum, term) => sum + text.split(term).length - 1, 0)
  const score = Math.max(...group.map(item => item.score))
  return [whole.length, +page.startsWith(PLAN_PAGES), partly.length, uses, score]
}

function compare(a, b) {
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i])
      return a[i] - b[i]
  return 0
}

/* ------------------------------------------------------------------------- */

addEventListener("message", ev => {
  const message = ev.data
  if (message.type === SETUP) {
    learn(message.data.config, message.data.docs)
  }
  if (message.type === QUERY) {
    current = parse(message.data)
    message.data = rewrite(message.data)
  }
})

const send = self.postMessage.bind(self)
self.postMessage = (message, ...rest) => send(
  message && message.type === RESULT ? { ...message, data: rank(message.data) } : message, ...rest
)

importScripts(new URL(material, here).href)
