/* The site's search: a worker that Material's script starts on every page view (search-setup.js names it,
 * with the number of shard files of this build's index as ?shards=N). It downloads nothing until a query has a
 * letter or digit; then it fetches only what that query needs from the index pairing/exports/searchindex.py
 * writes (its docstring describes the files): the shards of the query's tokens, then the documents it shows.
 * It speaks Material's search messages only (tests/browser/test_search_browser.py pins their numbers), answers
 * queries in turn, skips a query a newer one has replaced, and answers in two steps when a query needs another
 * round of documents (the first results as soon as they are checked).
 *
 * A query is cut as the index was (the same functions: lower, runs, pieces, the shard hash). For each term:
 *  - its tokens: at most three pieces of two characters that cover its runs ("g"; a character alone where a run
 *    has one), and for a term of up to eight characters the term as one word ("w": a jieba word of the index,
 *    or a plan's whole name, tag or title);
 *  - candidates: documents that have all its pieces, best first (more terms, a term that is one of the plan's
 *    names or tags, a term that is a word of it, the index's counts);
 *  - each candidate is checked against its own text: only a document that contains a term as written is a
 *    result, so a query that occurs in no document shows nothing. When some do, documents sharing a piece with
 *    a term follow them (Material shows the missing terms).
 * Results are ranked by: terms as written, terms that are a name/tag/title of the plan, plans before other
 * pages, terms sharing a piece, terms that are words of the document, uses of the terms, the index's counts.
 */

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3   // Material's search message types

const engine = siteSearch(new URL("../../../", self.location.href),
  Number(new URL(self.location.href).searchParams.get("shards")))
let latest = 0
let queue = Promise.resolve()

addEventListener("message", event => {
  const { type, data } = event.data
  if (type === SETUP)
    postMessage({ type: READY })
  if (type === QUERY) {
    const number = ++latest
    queue = queue.then(() => number === latest ? answer(data, () => number === latest) : undefined)
  }
})

async function answer(query, current) {
  try {
    const show = result => current() && postMessage({ type: RESULT, data: result })
    show(await engine.search(query, show))
  } catch (error) {
    console.error("搜索出错：", error)
    postMessage({ type: RESULT, data: { items: [] } })
  }
}

function siteSearch(base, shards) {
  const FIELD = 128, COUNT = 127
  const LIMIT = 10          // results shown
  const BATCH = 6           // documents fetched at once (a browser's connections to one host)
  const MOST_CHECKED = 40   // candidates checked against their text, at most
  const SNIPPET = 120       // characters of text shown with a result
  const MOST_PIECES = 3     // two-character pieces looked up for a term
  const LONGEST_WORD = 8    // a term looked up as a word too, up to this length
  const RUN = /[\p{L}\p{N}]+/gu

  const loaded = new Map()  // shard number → Promise of Map(token → postings bytes)
  const documents = new Map()
  const encoder = new TextEncoder(), decoder = new TextDecoder()

  /* ----------------------------------------------------------------------- */
  /* The index's functions (as pairing/exports/searchindex.py) */

  function lower(text) {
    return text.replace(/[A-Z]/g, letter => letter.toLowerCase())
  }

  function runs(text) {
    return lower(text).match(RUN) || []
  }

  function shardOf(token) {
    let value = 0x811c9dc5
    for (const byte of encoder.encode(token))
      value = Math.imul(value ^ byte, 0x01000193) >>> 0
    return value % shards
  }

  /* An unsigned LEB128 number at `at`: [its value, where the next thing starts] */
  function number(bytes, at) {
    let value = 0, shift = 0, byte
    do {
      byte = bytes[at++]
      value += (byte & 0x7f) * 2 ** shift
      shift += 7
    } while (byte & 0x80)
    return [value, at]
  }

  function readShard(bytes) {
    const tokens = new Map()
    let at = 0, length, size
    while (at < bytes.length) {
      [length, at] = number(bytes, at)
      const token = decoder.decode(bytes.subarray(at, at + length))
      at += length;
      [size, at] = number(bytes, at)
      tokens.set(token, bytes.subarray(at, at + size))
      at += size
    }
    return tokens
  }

  function shard(number) {
    if (!loaded.has(number))
      loaded.set(number, fetch(new URL(`search/index/s/${number}.bin`, base))
        .then(response => {
          if (!response.ok)
            throw new Error(`search/index/s/${number}.bin: ${response.status}`)
          return response.arrayBuffer()
        })
        .then(buffer => readShard(new Uint8Array(buffer))))
    return loaded.get(number)
  }

  async function postings(token) {
    const bytes = (await shard(shardOf(token))).get(token)
    const found = []
    if (!bytes)
      return found
    let at = 0, id = 0, gap
    while (at < bytes.length) {
      [gap, at] = number(bytes, at)
      id += gap
      found.push([id, bytes[at++]])
    }
    return found
  }

  function documentOf(id) {
    if (!documents.has(id))
      documents.set(id, fetch(new URL(`search/index/d/${id}.json`, base)).then(response => response.json())
        .then(record => ({ ...record, text: lower([record.t, ...record.f, ...record.b].join("\n")) })))
    return documents.get(id)
  }

  /* ----------------------------------------------------------------------- */
  /* The query */

  function parse(query) {
    const parts = lower(query).replace(/["*]/g, " ").trim().split(/\s+/).filter(Boolean)
    const terms = parts.filter(part => !part.startsWith("-")).map(part => part.replace(/^\+/, ""))
    const excluded = parts.filter(part => part.startsWith("-")).map(part => part.slice(1))
    return {
      terms: [...new Set(terms)].filter(term => runs(term).length),
      excluded: excluded.filter(term => runs(term).length)
    }
  }

  /* The pieces a document must have to contain the term: two characters at a time, covering every run (a
   * character alone where a run has one), at most MOST_PIECES of them, spread over the runs (the text check
   * that follows is exact: the pieces only choose what to check) */
  function pieces(term) {
    const perRun = runs(term).map(run => {
      const characters = Array.from(run)
      if (characters.length === 1)
        return [characters[0]]
      const found = []
      for (let at = 0; at + 1 < characters.length; at += 2)
        found.push(characters[at] + characters[at + 1])
      if (characters.length % 2)
        found.push(characters.slice(-2).join(""))
      return found
    })
    const all = [...new Set(perRun.flat())]
    if (all.length <= MOST_PIECES)
      return all
    const kept = new Set(perRun.map(found => found[found.length >> 1]).slice(0, MOST_PIECES))
    for (let at = 0; kept.size < MOST_PIECES; at++)
      kept.add(all[Math.floor(at * all.length / MOST_PIECES)])
    return [...kept]
  }

  async function candidates(terms) {
    const seen = new Map()
    const entry = id => {
      if (!seen.has(id))
        seen.set(id, { id, covered: 0, shared: 0, exact: 0, word: 0, field: 0, weight: 0 })
      return seen.get(id)
    }
    const lists = await Promise.all(terms.map(term => Promise.all([
      Array.from(term).length <= LONGEST_WORD ? postings("w" + term) : [],
      ...pieces(term).map(piece => postings("g" + piece))
    ])))
    lists.forEach(([words, ...parts]) => {
      const hits = new Map()
      for (const list of parts)
        for (const [id, byte] of list) {
          hits.set(id, (hits.get(id) || 0) + 1)
          const found = entry(id)
          found.weight += byte & COUNT
          found.field += byte >> 7
        }
      for (const [id, count] of hits)
        if (count === parts.length)
          entry(id).covered++
        else
          entry(id).shared++
      for (const [id, byte] of words) {
        entry(id).word++
        entry(id).exact += byte >> 7
      }
    })
    const order = (a, b) => compare(
      [b.covered, b.exact, b.word, b.field, b.weight, a.id], [a.covered, a.exact, a.word, a.field, a.weight, b.id])
    const all = [...seen.values()]
    return {
      whole: all.filter(found => found.covered > 0).sort(order),
      partly: all.filter(found => found.covered === 0 && found.shared > 0)
        .sort((a, b) => compare([b.shared, b.field, b.weight, a.id], [a.shared, a.field, a.weight, b.id]))
    }
  }

  function compare(a, b) {
    for (let at = 0; at < a.length; at++)
      if (a[at] !== b[at])
        return a[at] - b[at]
    return 0
  }

  function uses(text, term) {
    return text.split(term).length - 1
  }

  /* The results of a query, best first; `early` is given the first ones when another round of documents is
   * needed to fill the list (more candidates to check, or the documents that share a piece with a term) */
  async function search(query, early = () => {}) {
    const { terms, excluded } = parse(query)
    if (!terms.length)
      return { items: [] }
    const { whole, partly } = await candidates(terms)
    const keep = record => !excluded.some(term => record.text.includes(term))
    const results = []
    for (let at = 0; at < whole.length && at < MOST_CHECKED && results.length < LIMIT; at += BATCH) {
      const batch = whole.slice(at, Math.min(at + BATCH, MOST_CHECKED))
      const records = await Promise.all(batch.map(found => documentOf(found.id)))
      batch.forEach((found, index) => {
        const record = records[index]
        const present = terms.map(term => record.text.includes(term))
        if (present.some(Boolean) && keep(record))
          results.push({ found, record, present })
      })
      if (results.length && results.length < LIMIT && at + BATCH < Math.min(whole.length, MOST_CHECKED))
        early(shown(ranking(results, terms), terms))
    }
    if (!results.length)
      return { items: [] }
    const ranked = ranking(results, terms)
    const more = partly.slice(0, LIMIT - ranked.length)
    if (more.some(found => !documents.has(found.id)))   // the documents that follow them need a round of their own
      early(shown(ranked, terms))
    const records = await Promise.all(more.map(found => documentOf(found.id)))
    more.forEach((found, index) => {
      if (keep(records[index]))
        ranked.push({ found, record: records[index], present: terms.map(() => false) })
    })
    return shown(ranked, terms)
  }

  function ranking(results, terms) {
    return results.map(result => ({ ...result, key: rankKey(result, terms) }))
      .sort((a, b) => compare(b.key, a.key)).slice(0, LIMIT)
  }

  function shown(ranked, terms) {
    return { items: ranked.map(result => [item(result, terms)]) }
  }

  /* [terms as written, terms that are one of its names/tags/titles, is a plan, terms sharing two characters,
   * terms that are its words, uses of the terms, the index's counts] */
  function rankKey({ found, record, present }, terms) {
    const fields = new Set([record.t, ...record.f].map(lower))
    const written = terms.filter((term, index) => present[index])
    return [
      written.length, written.filter(term => fields.has(term)).length, record.p, found.shared, found.word,
      written.reduce((sum, term) => sum + uses(record.text, term), 0), found.field, found.weight
    ]
  }

  /* ----------------------------------------------------------------------- */
  /* What Material shows: title and text as HTML (escaped, the terms marked), a score, which terms it has */

  function item({ record, present, key }, terms) {
    const shown = terms.filter((term, index) => present[index])
    return {
      location: record.u,
      title: marked(record.t, shown),
      text: marked(snippet(record, shown), shown),
      score: key ? key[0] : 0,
      terms: Object.fromEntries(terms.map((term, index) => [term, present[index]]))
    }
  }

  function snippet(record, terms) {
    const blocks = [...record.b, ...record.f]
    let best = blocks[0] || "", most = 0
    for (const block of blocks) {
      const count = terms.filter(term => lower(block).includes(term)).length
      if (count > most) {
        best = block
        most = count
      }
    }
    if (best.length <= SNIPPET)
      return best
    const first = Math.min(...terms.map(term => lower(best).indexOf(term)).filter(at => at >= 0), best.length)
    const start = first === best.length ? 0 : Math.max(0, first - 30)
    return (start > 0 ? "…" : "") + best.slice(start, start + SNIPPET) + (start + SNIPPET < best.length ? "…" : "")
  }

  function marked(text, terms) {
    const low = lower(text)
    const spans = []
    for (const term of terms)
      for (let at = low.indexOf(term); at >= 0; at = low.indexOf(term, at + term.length))
        spans.push([at, at + term.length])
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])
    let out = "", at = 0
    for (const [start, end] of spans) {
      if (end <= at)
        continue
      out += escape(text.slice(at, Math.max(at, start))) + "<mark>" + escape(text.slice(Math.max(at, start), end)) + "</mark>"
      at = end
    }
    return out + escape(text.slice(at))
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`)
  }

  return { search }
}
