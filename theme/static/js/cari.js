// Search page: queries the Pagefind index and lists title, date and excerpt of each result.
const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const bundle = new URL(form.dataset.bundle, location.href);
const shown = Number(form.dataset.shown) || 20;
let loading;

// The index is split into shards, listed in bundles.json: the first is loaded, the others
// merged into it, and results of all of them come back ranked together. The last may be an
// overlay holding pages changed since their shard was indexed; the fragments of their old
// versions (and of removed pages) are listed as hidden and left out of the results.
async function load() {
  const response = await fetch(new URL("bundles.json", bundle));
  if (!response.ok) throw new Error(`bundles.json: ${response.status}`);
  const { bundles, hidden } = await response.json();
  const [first, ...others] = bundles.map((path) => new URL(path, bundle).href);
  if (!first) return null; // nothing is indexed yet
  const options = { baseUrl: new URL("..", bundle).pathname, excerptLength: 24 };
  const pagefind = await import(new URL("pagefind.js", first).href);
  await pagefind.options(options);
  await Promise.all(others.map((other) => pagefind.mergeIndex(other, options)));
  return { pagefind, hidden: new Set(hidden) };
}

// Loaded once, however fast the reader types; tried again after a failure.
function engine() {
  loading ??= load().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function item(data) {
  const li = document.createElement("li");
  const title = document.createElement("a");
  title.href = data.url;
  title.textContent = data.meta.title || data.url;
  const heading = document.createElement("h2");
  heading.append(title);
  li.append(heading);
  if (data.meta.date) {
    const date = document.createElement("p");
    date.className = "meta";
    date.textContent = data.meta.date;
    li.append(date);
  }
  const excerpt = document.createElement("p");
  // Pagefind escapes the page text and only adds <mark> around the matched words.
  excerpt.innerHTML = data.excerpt;
  li.append(excerpt);
  return li;
}

async function run(raw) {
  const query = raw.trim();
  const address = query ? `?${new URLSearchParams({ q: query })}` : location.pathname;
  history.replaceState(null, "", address);
  if (!query) {
    status.textContent = "";
    list.replaceChildren();
    return;
  }
  status.textContent = "Mencari…";
  try {
    const index = await engine();
    const search = index ? await index.pagefind.debouncedSearch(query, {}, 200) : { results: [] };
    if (search === null) return; // a newer query replaced this one
    const found = search.results.filter((result) => !index.hidden.has(result.id));
    const results = await Promise.all(found.slice(0, shown).map((r) => r.data()));
    list.replaceChildren(...results.map(item));
    status.textContent = results.length
      ? `${found.length} hasil untuk “${query}”.`
      : `Tidak ada hasil untuk “${query}”. Coba kata kunci lain.`;
  } catch {
    status.textContent = "Pencarian sedang tidak tersedia. Coba lagi nanti.";
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  run(input.value);
});
input.addEventListener("input", () => run(input.value));
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
