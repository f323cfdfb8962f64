// The page's side of the engine worker. `createEngine()` gives a proxy on
// which any DockerSim method can be called and returns a Promise of its
// result: `await sim.run('docker ps')`. Engines share one worker and stay
// independent; calls to the worker are answered in the order they were made.
//
// The worker can die: a trap in the wasm (a Rust panic is `unreachable`), an
// error the worker cannot report, or `killEngine()`. Then every engine of
// that worker is gone: pending calls reject with `err.engineDied = true`,
// later calls on those engines too, `onEngineDeath` listeners are told, and
// the next `createEngine()` starts a fresh worker.
import workerUrl from './worker.js?worker&url';

let worker = null;
let generation = 0;
let nextId = 1;
let nextSim = 1;
const pending = new Map();
const deathListeners = new Set();
// Catalog families the worker fetched: { name, bytes } (bytes of JSON text).
const catalogLoads = [];

// What a wasm trap looks like once the worker reports it as a message.
const TRAP = /unreachable|RuntimeError|memory access out of bounds|recursive use of an object|call stack size|already mutably borrowed|already borrowed/i;

function died(message) {
  const err = new Error(message);
  err.engineDied = true;
  return err;
}

function kill(reason) {
  if (!worker) return;
  worker.terminate();
  worker = null;
  generation += 1;
  for (const entry of pending.values()) entry.reject(died(reason));
  pending.clear();
  for (const listener of deathListeners) listener(reason);
}

/** A module worker for `url`; cross-origin (an embed on another site) through
 * a same-origin blob that imports the real worker module, which then loads
 * the wasm from its own origin. */
function startWorker(url) {
  if (url.origin === window.location.origin) return new Worker(url, { type: 'module' });
  const blob = new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(blob), { type: 'module' });
}

function getWorker() {
  if (worker) return worker;
  worker = startWorker(new URL(workerUrl, import.meta.url));
  const mine = worker;
  worker.onmessage = ({ data }) => {
    if (mine !== worker) return;
    if (data.catalog) {
      catalogLoads.push(data.catalog);
      return;
    }
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    if (data.ok) entry.resolve(data.value);
    else if (TRAP.test(data.error)) {
      pending.set(data.id, entry); // rejected by kill() with the others
      kill(`the engine crashed: ${data.error}`);
    } else entry.reject(new Error(data.error));
  };
  const fail = (event) => {
    if (mine !== worker) return;
    event?.preventDefault?.();
    kill(event?.message || 'the engine worker failed to start');
  };
  worker.onerror = fail;
  worker.onmessageerror = fail;
  return worker;
}

function send(sim, method, args) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, sim, method, args });
  });
}

/** The catalog families fetched so far (for the page's figures and tests). */
export function catalogFetched() {
  return [...catalogLoads];
}

/** Starts the worker (and its wasm compile) ahead of the first engine. */
export function warmUp() {
  getWorker();
}

/** `listener(reason)` is called whenever the worker dies. Returns an unsubscribe. */
export function onEngineDeath(listener) {
  deathListeners.add(listener);
  return () => deathListeners.delete(listener);
}

/** Stops the worker at once, as a crash would (the page's "restart engine"). */
export function killEngine(reason = 'the engine was stopped') {
  kill(reason);
}

/** Calls a static DockerSim method (`lesson_parse`…). */
export function callStatic(method, ...args) {
  return send(0, `static:${method}`, args);
}

/** A new, independent engine. */
export async function createEngine() {
  const sim = nextSim++;
  await send(sim, 'new', []);
  const born = generation;
  return new Proxy({}, {
    get(_, method) {
      if (method === 'then') return undefined; // not a thenable
      if (method === 'alive') return born === generation;
      if (method === 'dispose') return () => (born === generation ? send(sim, 'drop', []) : Promise.resolve(true));
      return (...args) => (born === generation ? send(sim, method, args) : Promise.reject(died('the engine stopped')));
    },
  });
}
