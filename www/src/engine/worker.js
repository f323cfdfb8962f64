// The engine's own thread: every DockerSim lives here, so a long build never
// blocks the page. Messages: { id, sim, method, args } → { id, ok, value | error }.
// `sim` names an engine; the methods `new` and `drop` create and forget one,
// `static:NAME` calls a static method. Calls run one at a time, in the order
// they arrive (a call that waits for catalog data holds the ones after it).
//
// The image catalog is data (docs/images.md): a terminal line runs through
// `run_catalog`, which answers `{ needs_catalog: [family…] }` (having undone
// the line) when it needs a family not loaded yet; the worker then fetches
// `catalog/<family>.json` once, hands it to `load_catalog_family` and runs
// the line again.
import init, { DockerSim } from '../../pkg/dockersim.js';
import wasmUrl from '../../pkg/dockersim_bg.wasm?url';
import { EXAMPLE_FILES } from '../example.js';
import { compactResult } from './compact.js';

const ready = init({ module_or_path: wasmUrl });
const sims = new Map();

// The catalog's folder: dist/catalog/ next to dist/assets/ (this module's
// folder) once built; the dev server serves it at /catalog/.
const CATALOG = new URL(import.meta.env.DEV ? '/catalog/' : '../catalog/', import.meta.url);
const families = new Map();
// A line needs a family, whose images may come `from` another family's: a
// few rounds at most. More means the data is inconsistent.
const MAX_CATALOG_ROUNDS = 8;

/** Loads catalog family `name` into the engine (fetched once per worker). */
function loadFamily(name) {
  if (!families.has(name)) {
    const loading = (async () => {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`bad catalog family name ${JSON.stringify(name)}`);
      const url = new URL(`${name}.json`, CATALOG);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      DockerSim.load_catalog_family(name, text);
      self.postMessage({ catalog: { name, bytes: text.length } });
    })();
    families.set(name, loading);
    // A failed fetch is tried again by the next line that needs the family.
    loading.catch(() => families.delete(name));
  }
  return families.get(name);
}

/** A terminal line, with the catalog families it needs loaded first. */
async function runLine(target, line) {
  const asked = new Set();
  for (let round = 0; round < MAX_CATALOG_ROUNDS; round += 1) {
    const value = target.run_catalog(line);
    const needed = value?.needs_catalog;
    if (!Array.isArray(needed)) return value;
    const fresh = needed.filter((name) => !asked.has(name));
    if (fresh.length === 0) throw new Error(`dockersim: the image catalog's ${needed.join(', ')} data did not load`);
    for (const name of fresh) asked.add(name);
    try {
      await Promise.all(fresh.map(loadFamily));
    } catch (err) {
      throw new Error(`dockersim: could not load the image catalog's ${fresh.join(', ')} data (${err?.message ?? err})`);
    }
  }
  throw new Error('dockersim: the image catalog kept asking for more data');
}

// Once the page has started, build the example app once in a throwaway
// engine: the base image's files get generated, the wasm gets optimised
// and the npm layer's digest remembered, so the learner's first build is
// quick. It changes no engine the page uses.
ready.then(() => setTimeout(() => {
  try {
    const scratch = new DockerSim();
    scratch.build(EXAMPLE_FILES.Dockerfile, EXAMPLE_FILES, null, false);
    scratch.free();
  } catch {
    // a warm-up only
  }
}, 400));

async function call(sim, method, args) {
  if (method === 'new') {
    sims.set(sim, new DockerSim());
    return true;
  }
  if (method === 'drop') {
    sims.get(sim)?.free();
    sims.delete(sim);
    return true;
  }
  if (method.startsWith('static:')) return DockerSim[method.slice(7)](...args);
  const target = sims.get(sim);
  if (!target) throw new Error(`no engine ${sim}`);
  if (method === 'run' && typeof target.run_catalog === 'function') return runLine(target, String(args[0] ?? ''));
  if (typeof target[method] !== 'function') throw new Error(`no engine method ${method}`);
  return target[method](...args);
}

let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  const { id, sim, method, args } = data;
  queue = queue.then(async () => {
    try {
      await ready;
      self.postMessage({ id, ok: true, value: compactResult(method, await call(sim, method, args ?? [])) });
    } catch (err) {
      self.postMessage({ id, ok: false, error: String(err?.message ?? err) });
    }
  });
};
