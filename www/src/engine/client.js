// The page's side of the engine worker. `createEngine()` gives a proxy on
// which any DockerSim method can be called and returns a Promise of its
// result: `await sim.run('docker ps')`. Engines share one worker and stay
// independent; calls to the worker are answered in the order they were made.
let worker = null;
let nextId = 1;
let nextSim = 1;
const pending = new Map();

function getWorker() {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    if (data.ok) entry.resolve(data.value);
    else entry.reject(new Error(data.error));
  };
  const fail = (event) => {
    const message = event?.message || 'the engine worker failed to start';
    console.error(`dockersim engine: ${message}`);
    for (const entry of pending.values()) entry.reject(new Error(message));
    pending.clear();
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

/** Starts the worker (and its wasm compile) ahead of the first engine. */
export function warmUp() {
  getWorker();
}

/** Calls a static DockerSim method (`lesson_parse`…). */
export function callStatic(method, ...args) {
  return send(0, `static:${method}`, args);
}

/** A new, independent engine. */
export async function createEngine() {
  const sim = nextSim++;
  await send(sim, 'new', []);
  return new Proxy({}, {
    get(_, method) {
      if (method === 'then') return undefined; // not a thenable
      if (method === 'dispose') return () => send(sim, 'drop', []);
      return (...args) => send(sim, method, args);
    },
  });
}
