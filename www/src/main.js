// The page: a workspace (files + Dockerfile), a Build button, and a player
// that animates the core's build event log. The core is never steered
// mid-build: it returns the whole log, and the page plays it back.
import init, { DockerSim } from '../pkg/dockersim.js';
import wasmUrl from '../pkg/dockersim_bg.wasm?url';
import { EXAMPLE_FILES } from './example.js';
import { playBuild } from './player.js';

const $ = (id) => document.getElementById(id);

const state = {
  files: { ...EXAMPLE_FILES },
  current: 'Dockerfile',
  sim: null,
  playing: false,
};

function renderTabs() {
  const tabs = $('file-tabs');
  tabs.replaceChildren();
  for (const name of Object.keys(state.files)) {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.role = 'tab';
    tab.className = 'tab';
    tab.textContent = name;
    tab.setAttribute('aria-selected', String(name === state.current));
    tab.addEventListener('click', () => selectFile(name));
    tabs.append(tab);
  }
}

function selectFile(name) {
  state.current = name;
  $('editor').value = state.files[name];
  renderTabs();
}

async function build() {
  if (!state.sim || state.playing) return;
  state.playing = true;
  $('build').disabled = true;
  $('status').textContent = 'Building…';
  const { Dockerfile: dockerfile, ...rest } = state.files;
  const context = { Dockerfile: dockerfile, ...rest };
  const tag = $('tag').value.trim() || null;
  let report;
  try {
    report = state.sim.build(dockerfile, context, tag, $('no-cache').checked);
  } catch (err) {
    $('status').textContent = 'Engine error';
    showError(String(err));
    state.playing = false;
    $('build').disabled = false;
    return;
  }
  await playBuild(report, {
    steps: $('steps'),
    layers: $('layers'),
    imageId: $('image-id'),
    hint: $('layers-hint'),
    reducedMotion: window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  });
  if (report.ok) {
    $('status').textContent = `Built ${report.image_id.slice(7, 19)}`;
    $('error').hidden = true;
  } else {
    $('status').textContent = 'Build failed';
    showError(report.error ? errorText(report.error) : 'Build failed');
  }
  state.playing = false;
  $('build').disabled = false;
}

function errorText(error) {
  const where = error.start_line ? `Dockerfile:${error.start_line}\n` : '';
  return `${where}ERROR: failed to build: failed to solve: ${error.message}`;
}

function showError(text) {
  const box = $('error');
  box.textContent = text;
  box.hidden = false;
}

async function main() {
  selectFile('Dockerfile');
  $('editor').addEventListener('input', (e) => {
    state.files[state.current] = e.target.value;
  });
  $('build').addEventListener('click', build);
  await init({ module_or_path: wasmUrl });
  state.sim = new DockerSim();
  $('build').disabled = false;
  $('status').textContent = 'Ready';
  document.body.dataset.ready = 'true';
}

main();
