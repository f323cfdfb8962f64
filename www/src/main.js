// The page: a workspace (files in the simulated host's ~/app), a terminal
// on the same engine, a player for build event logs, and the layers view.
import { createEngine, callStatic, warmUp } from './engine/client.js';
import { EXAMPLE_FILES } from './example.js';
import { Player } from './player.js';
import { renderImages, renderChanges, renderContainer, renderDiskUsage } from './layers.js';
import { Terminal } from './terminal.js';
import { el } from './dom.js';
import { t, applyLang, setLang, currentLang } from './i18n.js';
import { reasonText } from './reasons.js';
import * as store from './store.js';
import { Lessons } from './lessons/lessons.js';
import { Editor } from './editor.js';
import { renderFileTree, droppedFiles } from './filetree.js';

const APP_DIR = '/home/learner/app';
const $ = (id) => document.getElementById(id);
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const state = { files: {}, current: 'Dockerfile', selected: 'Dockerfile', openDirs: new Set(), history: [], sim: null, lastImage: null };
let editor;

function notice(text) {
  const box = $('notice');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

function workspace() {
  return { files: state.files, history: state.history.slice(-200) };
}

function persist() {
  store.save(workspace());
}

// ---- files -------------------------------------------------------------

function renderTabs() {
  renderFileTree($('file-tabs'), Object.keys(state.files), {
    selected: state.selected,
    open: state.openDirs,
    onFile: selectFile,
    onFolder: (path) => { state.selected = path; },
  });
}

/** A path typed by the learner, cleaned: no leading `/`, no `.` or `..` parts. */
function cleanPath(text) {
  const parts = (text || '').trim().split('/').filter((p) => p && p !== '.');
  return parts.includes('..') ? '' : parts.join('/');
}

/** The folder the selection is in (or is), for new files: `src/` or ''. */
function selectedFolder() {
  const sel = state.selected ?? '';
  if (state.files[sel] === undefined && sel) return `${sel}/`;
  const i = sel.lastIndexOf('/');
  return i > 0 ? sel.slice(0, i + 1) : '';
}

function selectFile(name) {
  state.current = name;
  state.selected = name;
  const parts = name.split('/');
  for (let i = 1; i < parts.length; i += 1) state.openDirs.add(parts.slice(0, i).join('/'));
  editor.show(name, state.files[name] ?? '');
  renderTabs();
  if (state.sim) refreshDiagnostics();
}

/** Reports an engine failure without losing the page. */
function engineError(err) {
  notice(String(err?.message ?? err));
}

function writeFile(name, text) {
  state.files[name] = text;
  return state.sim.write_file(`${APP_DIR}/${name}`, text).catch(engineError);
}

let editTimer = null;
function onEdit() {
  state.files[state.current] = editor.value;
  clearTimeout(editTimer);
  editTimer = setTimeout(async () => {
    await writeFile(state.current, state.files[state.current]);
    persist();
    await Promise.all([lessons?.refresh(), refreshDiagnostics(), refreshPrediction()]);
  }, 250);
}

function addFile() {
  const name = cleanPath(window.prompt(t('newFileName'), `${selectedFolder()}index.html`));
  if (!name || state.files[name] !== undefined) return;
  writeFile(name, '');
  persist();
  selectFile(name);
}

function addFolder() {
  const folder = cleanPath(window.prompt(t('newFolderName'), `${selectedFolder()}src`));
  if (!folder) return;
  const name = cleanPath(`${folder}/${window.prompt(t('firstFileName'), 'index.js') || ''}`);
  if (!name || name === folder || state.files[name] !== undefined) return;
  writeFile(name, '');
  persist();
  selectFile(name);
}

/** The files a selection covers: the file, or every file in the folder. */
function selection() {
  const sel = state.selected ?? state.current;
  if (state.files[sel] !== undefined) return { folder: false, path: sel, files: [sel] };
  return { folder: true, path: sel, files: Object.keys(state.files).filter((f) => f.startsWith(`${sel}/`)) };
}

function renameFile() {
  const { folder, path: from, files } = selection();
  const to = cleanPath(window.prompt(t('renameTo'), from));
  if (!to || to === from || files.length === 0) return;
  const moves = files.map((f) => [f, folder ? `${to}${f.slice(from.length)}` : to]);
  if (moves.some(([, dest]) => state.files[dest] !== undefined)) return;
  for (const [src, dest] of moves) {
    writeFile(dest, state.files[src]);
    delete state.files[src];
  }
  state.sim.remove_file(`${APP_DIR}/${from}`).catch(engineError);
  persist();
  selectFile(folder ? moves.find(([src]) => src === state.current)?.[1] ?? moves[0][1] : to);
}

function deleteFile() {
  const { path, files } = selection();
  if (files.length === 0 || files.length >= Object.keys(state.files).length || !window.confirm(`${t('confirmDelete')} ${path}`)) return;
  for (const f of files) delete state.files[f];
  state.sim.remove_file(`${APP_DIR}/${path}`).catch(engineError);
  persist();
  selectFile(state.files[state.current] !== undefined ? state.current : Object.keys(state.files)[0]);
}

async function dropFiles(e) {
  e.preventDefault();
  for (const { path, text } of await droppedFiles(e.dataTransfer)) writeFile(cleanPath(path), text);
  persist();
  renderTabs();
}

/** Files changed from the terminal (echo >> server.js) flow back into the editor. */
async function syncFromHost() {
  const names = Object.keys(state.files);
  const texts = await Promise.all(names.map((name) => state.sim.read_file(`${APP_DIR}/${name}`)));
  names.forEach((name, i) => {
    if (texts[i] === undefined) delete state.files[name];
    else state.files[name] = texts[i];
  });
  const snapshot = await state.sim.state();
  if (snapshot.cwd === APP_DIR) {
    for (const name of snapshot.files) {
      if (state.files[name] === undefined && !name.startsWith('node_modules/')) {
        state.files[name] = (await state.sim.read_file(`${APP_DIR}/${name}`)) ?? '';
      }
    }
  }
  if (state.files[state.current] === undefined) state.current = Object.keys(state.files)[0] ?? 'Dockerfile';
  if (!editor.hasFocus()) editor.update(state.current, state.files[state.current] ?? '');
  renderTabs();
  return snapshot;
}

// ---- diagnostics and "what would rebuild?" -------------------------------

async function refreshDiagnostics() {
  const list = $('diagnostics');
  const dockerfile = state.files.Dockerfile;
  if (dockerfile === undefined) {
    list.replaceChildren();
    return;
  }
  const diagnostics = await state.sim.check(dockerfile);
  // A newer edit may have asked meanwhile; only the latest text's answer counts.
  if (dockerfile !== state.files.Dockerfile) return;
  list.replaceChildren();
  editor.setDiagnostics(state.current === 'Dockerfile' ? diagnostics : []);
  for (const d of diagnostics) {
    const li = el('li', `diag ${d.severity}`);
    li.tabIndex = 0;
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') jumpTo(d.span[0]); });
    const where = d.start_line ? `Dockerfile:${d.start_line}` : 'Dockerfile';
    li.append(el('span', 'diag-where mono', where), el('span', 'diag-msg', d.rule ? `${d.rule}: ${d.message}` : d.message));
    li.addEventListener('click', () => jumpTo(d.span[0]));
    list.append(li);
  }
}

function jumpTo(offset) {
  if (state.current !== 'Dockerfile') selectFile('Dockerfile');
  const text = state.files.Dockerfile ?? '';
  editor.focusAt(new TextDecoder().decode(new TextEncoder().encode(text).slice(0, offset)).length);
}

async function refreshPrediction() {
  const dockerfile = state.files.Dockerfile;
  if (dockerfile === undefined) return;
  const prediction = await state.sim.predict(dockerfile);
  if (dockerfile !== state.files.Dockerfile) return;
  const byLine = new Map();
  for (const step of prediction.steps ?? []) {
    if (step.origin) byLine.set(step.origin.start_line, step);
  }
  for (const li of $('steps').querySelectorAll('li.step[data-line]')) {
    const step = byLine.get(Number(li.dataset.line));
    li.querySelector('.predict')?.remove();
    li.classList.remove('will-rerun', 'will-cache');
    // Only a change of outcome is worth saying: this step would run again.
    if (!step || step.cached) continue;
    li.classList.add('will-rerun');
    li.append(el('p', 'predict', `${t('wouldRebuild')}: ${reasonText(step.why, step.reason)}`));
  }
}

// ---- terminal, builds, layers ---------------------------------------------

let player;
let terminal;
let lessons;

async function showLayer(image, index) {
  try {
    const changes = await state.sim.layer_changes(image.id, index, 200);
    renderChanges($('layer-detail'), image, index, changes, (path) => state.sim.fs_listing(image.id, index, path));
  } catch (err) {
    engineError(err);
  }
}

async function showContainer(container) {
  try {
    const changes = await state.sim.container_changes(container.id, 200);
    renderContainer($('layer-detail'), container, changes, (path) => state.sim.container_fs_listing(container.id, path));
  } catch (err) {
    engineError(err);
  }
}

async function refreshState() {
  const snapshot = await syncFromHost();
  renderImages($('images'), $('layers-hint'), snapshot, state.lastImage, showLayer, showContainer);
  renderDiskUsage($('disk-usage'), await state.sim.disk_usage());
}

async function runLine(line, { record = true } = {}) {
  let result;
  try {
    result = await state.sim.run(line);
  } catch (err) {
    engineError(err);
    return;
  }
  for (const [stream, text] of result.chunks) terminal.print(text, stream === 'stderr' ? 'err' : undefined);
  terminal.setPrompt(result.prompt);
  if (record && line.trim()) {
    state.history.push(line);
    persist();
  }
  if (result.build) {
    const report = result.build;
    $('status').textContent = t('building');
    $('build').disabled = true;
    player.load(report);
    state.animating = true;
    player.onFinish = () => {
      state.animating = false;
      $('build').disabled = false;
      if (report.ok) {
        state.lastImage = report.image_id;
        $('status').textContent = `${t('built')} ${report.image_id.slice(7, 19)}`;
      } else {
        $('status').textContent = t('failed');
        const box = $('error');
        const where = report.error?.start_line ? `Dockerfile:${report.error.start_line}\n` : '';
        box.textContent = `${where}ERROR: failed to build: failed to solve: ${report.error?.message ?? ''}`;
        box.hidden = false;
      }
      refreshState();
      refreshPrediction();
    };
    player.play();
    $('play').textContent = t('pause');
  }
  await refreshState();
  await lessons?.onCommand();
}

async function build() {
  // Said at once: the engine answers from its worker a moment later.
  $('build').disabled = true;
  $('status').textContent = t('building');
  const tag = $('tag').value.trim() || 'app';
  const flags = $('no-cache').checked ? ' --no-cache' : '';
  const { cwd } = await state.sim.state();
  const path = cwd === APP_DIR ? '.' : APP_DIR;
  await terminal.submit(`docker build${flags} -t ${tag} ${path}`);
  if (!state.animating) {
    $('build').disabled = false;
    $('status').textContent = t('ready');
  }
}

/** Puts `files` into ~/app of a fresh engine and runs `commands` there. */
async function freshEngine(files, commands) {
  const sim = await createEngine();
  sim.run(`mkdir -p ${APP_DIR}`);
  for (const [name, text] of Object.entries(files)) sim.write_file(`${APP_DIR}/${name}`, text);
  sim.run(`cd ${APP_DIR}`);
  // Replaying commands rebuilds the engine state deterministically.
  for (const line of commands) sim.run(line);
  await sim.prompt();
  return sim;
}

/** A fresh machine with `files` in ~/app and `commands` run first. */
async function resetMachine(files, commands = []) {
  const old = state.sim;
  state.files = { ...files };
  state.sim = await freshEngine(state.files, commands);
  old?.dispose();
  state.history = [];
  state.lastImage = null;
  $('term-out').replaceChildren();
  terminal.history = [];
  terminal.cursor = 0;
  terminal.setPrompt(await state.sim.prompt());
  player.reset();
  selectFile(state.files.Dockerfile !== undefined ? 'Dockerfile' : Object.keys(state.files)[0] ?? 'Dockerfile');
  await Promise.all([refreshDiagnostics(), refreshState()]);
  persist();
}

// ---- start ------------------------------------------------------------------

async function restoreWorkspace() {
  const linked = await store.fromLink();
  if (linked === 'corrupt') notice(t('corrupt'));
  if (linked && linked !== 'corrupt') {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return linked;
  }
  const saved = store.load();
  if (saved === 'corrupt') {
    notice(t('corrupt'));
    return null;
  }
  if (saved) notice(t('restored'));
  return saved;
}

async function main() {
  applyLang();
  editor = new Editor($('editor-host'), { id: 'editor', label: t('fileContent'), onChange: onEdit });
  $('status').textContent = t('loading');
  warmUp();
  player = new Player({ steps: $('steps'), error: $('error'), reducedMotion });
  terminal = new Terminal({ out: $('term-out'), input: $('term-in'), prompt: $('prompt') }, (line) => runLine(line));

  const restored = await restoreWorkspace();
  state.files = { ...(restored?.files ?? EXAMPLE_FILES) };
  const replay = restored?.history ?? [];
  state.sim = await freshEngine(state.files, replay);
  state.history.push(...replay);
  terminal.history.push(...replay);
  terminal.cursor = terminal.history.length;
  terminal.setPrompt(await state.sim.prompt());
  persist();

  selectFile(state.files.Dockerfile !== undefined ? 'Dockerfile' : Object.keys(state.files)[0]);
  const editorPanel = document.querySelector('.editor-panel');
  editorPanel.addEventListener('dragover', (e) => e.preventDefault());
  editorPanel.addEventListener('drop', dropFiles);
  $('add-file').addEventListener('click', addFile);
  $('add-folder').addEventListener('click', addFolder);
  $('rename-file').addEventListener('click', renameFile);
  $('delete-file').addEventListener('click', deleteFile);
  $('build').addEventListener('click', build);
  $('play').addEventListener('click', () => {
    if (player.playing) { player.pause(); $('play').textContent = t('play'); } else { player.play(); $('play').textContent = t('pause'); }
  });
  $('step').addEventListener('click', () => { player.pause(); $('play').textContent = t('play'); player.step(); });
  $('replay').addEventListener('click', () => { player.replay(); $('play').textContent = t('pause'); });
  $('speed').addEventListener('change', (e) => { player.speed = Number(e.target.value); });
  $('lang').addEventListener('click', () => {
    setLang(currentLang() === 'en' ? 'ko' : 'en');
    refreshState();
    refreshPrediction();
    lessons.render();
    lessons.refresh();
  });
  $('share').addEventListener('click', async () => {
    const link = await store.toLink(workspace());
    try { await navigator.clipboard.writeText(link); } catch { /* clipboard may be unavailable */ }
    $('share').dataset.link = link;
    notice(t('linkCopied'));
  });
  $('export').addEventListener('click', () => store.exportFile(workspace()));
  $('import').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const ws = await store.importFile(file);
      store.save(ws);
      window.location.reload();
    } catch {
      notice(t('corrupt'));
    }
  });

  lessons = new Lessons($('lesson'), {
    start: (files, commands) => resetMachine(files, commands),
    evaluate: (json) => state.sim.lesson_evaluate(json),
    parse: (json) => callStatic('lesson_parse', json),
    notice,
  });
  const lessonUrl = new URLSearchParams(window.location.search).get('lesson');
  if (lessonUrl) lessons.loadFromUrl(lessonUrl).catch((e) => notice(String(e)));

  await Promise.all([refreshDiagnostics(), refreshState()]);
  $('build').disabled = false;
  $('status').textContent = t('ready');
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  const box = $('error');
  box.textContent = String(err);
  box.hidden = false;
});
