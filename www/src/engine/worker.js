// The engine's own thread: every DockerSim lives here, so a long build never
// blocks the page. Messages: { id, sim, method, args } → { id, ok, value | error }.
// `sim` names an engine; the methods `new` and `drop` create and forget one,
// `static:NAME` calls a static method. Calls run in the order they arrive.
import init, { DockerSim } from '../../pkg/dockersim.js';
import wasmUrl from '../../pkg/dockersim_bg.wasm?url';
import { EXAMPLE_FILES } from '../example.js';
import { compactResult } from './compact.js';

const ready = init({ module_or_path: wasmUrl });
const sims = new Map();

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

function call(sim, method, args) {
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
  if (typeof target[method] !== 'function') throw new Error(`no engine method ${method}`);
  return target[method](...args);
}

self.onmessage = async ({ data }) => {
  const { id, sim, method, args } = data;
  try {
    await ready;
    self.postMessage({ id, ok: true, value: compactResult(method, call(sim, method, args ?? [])) });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err?.message ?? err) });
  }
};
