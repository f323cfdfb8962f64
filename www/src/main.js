// The page: a workspace (files in the simulated host's ~/app), a terminal
// on the same engine, a player for build event logs, and the layers view.
import { createEngine, callStatic, warmUp, onEngineDeath, killEngine, catalogFetched } from './engine/client.js';
import { EXAMPLE_FILES } from './example.js';
import { Player } from './player.js';
import { renderImages, renderChanges, renderContainer, renderDiskUsage } from './layers.js';
import { renderProjects } from './projects.js';
import { Terminal } from './terminal.js';
import { el, keepingFocus } from './dom.js';
import { t, applyLang, setLang, currentLang } from './i18n.js';
import { reasonText } from './reasons.js';
import * as store from './store.js';
import { Lessons } from './lessons/lessons.js';
import { Editor } from './editor.js';
import { renderFileTree, droppedFiles } from './filetree.js';
import { complete } from './complete.js';
import { showRecovery } from './recovery.js';

const APP_DIR = '/home/learner/app';
const $ = (id) => document.getElementById(id);
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

// `ws` is the workspace shown: its id ('free', 'lesson:<id>', 'shared:<hash>'),
// its stored revision, the lesson it belongs to and the commands its setup ran.
const state = {
  files: {}, current: 'Dockerfile', selected: 'Dockerfile', openDirs: new Set(), history: [], sim: null, lastImage: null,
  ws: { id: store.FREE, rev: 0, lesson: null, setup: [] }, readonly: false, pendingFrom: null,
};
let editor;

function notice(text) {
  const box = $('notice');
  if (!box) return;
  // Notices given together (a failed ?lesson= and the workspace shown instead) are all kept.
  box.textContent = box.hidden ? text : `${box.textContent} ${text}`;
  box.hidden = false;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { box.hidden = true; }, 8000);
}

const HISTORY_KEPT = 500;
// What the saved history holds for a password typed at a prompt.
const SECRET_STAND_IN = '********';

function workspace() {
  return {
    id: state.ws.id,
    rev: state.ws.rev,
    lesson: state.ws.lesson,
    setup: state.ws.setup,
    lessonProgress: lessons?.progressOf() ?? null,
    files: state.files,
    history: state.history.slice(-HISTORY_KEPT),
    transcript: terminal?.saved() ?? [],
  };
}

/** The save state line: hidden when saved, an alert when a save failed. */
function saveStatus(error) {
  const box = $('save-error');
  if (!error) {
    box.hidden = true;
    return;
  }
  box.textContent = `${t('saveFailed')} ${error}`;
  box.hidden = false;
}

let saveTimer = null;
let saving = Promise.resolve(true);
/** Autosaves the workspace soon (edits come in bursts); `flush()` saves now. */
function persist() {
  if (state.readonly || state.starting) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(flush, 300);
}

function flush() {
  clearTimeout(saveTimer);
  if (state.readonly || state.starting) return saving;
  if (state.claiming) {
    // Another tab may answer that it holds this workspace: wait for that first.
    return state.claiming.then(() => flush());
  }
  const ws = workspace();
  saving = saving.then(() => store.put(ws)).then((rev) => {
    if (ws.id === state.ws.id) state.ws.rev = rev;
    saveStatus(null);
    return true;
  }, (err) => {
    if (err instanceof store.ConflictError) goReadOnly(t('otherTabSaved'));
    else saveStatus(String(err?.message ?? err));
    return false;
  });
  return saving;
}

/** Another tab owns this workspace: stop saving, say so, offer a reload. */
function goReadOnly(why) {
  if (state.readonly) return;
  state.readonly = true;
  clearTimeout(saveTimer);
  const box = $('readonly');
  box.replaceChildren(el('span', '', `${why} ${t('readOnlyNow')}`));
  const reload = el('button', 'small', t('reload'));
  reload.type = 'button';
  reload.addEventListener('click', () => window.location.reload());
  box.append(' ', reload);
  box.hidden = false;
  $('term-in').disabled = true;
  editor.setReadOnly(true);
  document.body.dataset.readonly = 'true';
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

function selectFile(wanted) {
  // A workspace may have no files at all (terminal-only lessons): the editor
  // then shows an empty Dockerfile that typing creates.
  const name = wanted ?? 'Dockerfile';
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
  if (state.readonly) return;
  // The engine gets every edit at once (calls are answered in order, so a
  // terminal line typed next sees it); the checks wait for a pause in typing.
  writeFile(state.current, editor.value);
  persist();
  clearTimeout(editTimer);
  editTimer = setTimeout(async () => {
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
  if (state.files[state.current] === undefined && Object.keys(state.files).length) {
    // The file shown was removed from the terminal: show another, and select its tab too.
    state.current = Object.keys(state.files)[0];
    state.selected = state.current;
  }
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
  // The steps shown come from another Dockerfile (`-f Dockerfile.dev`): no marks.
  const same = (player.report?.dockerfile_name ?? 'Dockerfile') === 'Dockerfile';
  for (const li of $('steps').querySelectorAll('li.step[data-line]')) {
    const step = same ? byLine.get(Number(li.dataset.line)) : null;
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

/** The images panel; while a build plays, its image grows layer by layer. */
function drawImages() {
  if (!state.snapshot) return;
  const report = state.animating ? player.report : null;
  const playing = report?.ok ? { image: report.image_id, produced: player.produced, seen: player.seen } : null;
  keepingFocus($('images'), () => renderImages($('images'), $('layers-hint'), state.snapshot, playing ? report.image_id : state.lastImage, showLayer, showContainer, playing));
  keepingFocus($('projects'), () => renderProjects($('projects'), state.snapshot.containers, showContainer));
}

async function refreshState() {
  const snapshot = await syncFromHost();
  state.snapshot = snapshot;
  drawImages();
  renderDiskUsage($('disk-usage'), await state.sim.disk_usage());
  persist();
}

function setPlayLabel() {
  const playing = player.playing;
  $('play').textContent = playing ? t('pause') : t('play');
  $('play').setAttribute('aria-pressed', String(playing));
}

function showBuild(report) {
  state.buildOutcome = 'shown';
  $('status').textContent = t('building');
  $('build').disabled = true;
  $('error').hidden = true;
  player.load(report);
  state.animating = true;
  player.onFinish = () => {
    state.animating = false;
    $('build').disabled = false;
    // A disabled button drops focus to <body>: give it back to Build.
    if (state.refocusBuild && (!document.activeElement || document.activeElement === document.body)) $('build').focus();
    state.refocusBuild = false;
    setPlayLabel();
    if (report.ok) {
      state.lastImage = report.image_id;
      $('status').textContent = `${t('built')} ${report.image_id.slice(7, 19)}`;
    } else {
      $('status').textContent = t('failed');
      const box = $('error');
      // As BuildKit names it: the Dockerfile's own name (`-f Dockerfile.dev`).
      const where = report.error?.start_line ? `${report.dockerfile_name || 'Dockerfile'}:${report.error.start_line}\n` : '';
      box.textContent = `${where}ERROR: failed to build: failed to solve: ${report.error?.message ?? ''}`;
      box.hidden = false;
    }
    refreshState();
    refreshPrediction();
  };
  player.play();
  setPlayLabel();
}

/**
 * A build that failed before building (no Dockerfile, a bad flag, an unknown
 * tag format): the build view shows this failure, never the previous build.
 */
function showBuildFailure(error) {
  state.buildOutcome = 'failed';
  state.animating = false;
  player.pause();
  player.load(null);
  setPlayLabel();
  $('status').textContent = t('failed');
  const box = $('error');
  box.textContent = error || t('failed');
  box.hidden = false;
  $('build').disabled = false;
  drawImages();
}

/** What a line's result did to the page: the engine's typed effects, never the command text. */
function applyResult(result) {
  let lastBuild = null;
  for (const effect of result.effects ?? []) {
    if (effect.type === 'clear') terminal.clear();
    if (effect.type === 'build') lastBuild = effect;
    if (effect.type === 'edit') state.editRequest = effect.path;
  }
  // Consecutive chunks of one stream are printed as one (a build's log is thousands).
  let run = '';
  let kind = '';
  for (const [stream, text] of result.chunks ?? []) {
    const k = stream === 'stderr' ? 'err' : '';
    if (k !== kind && run) {
      terminal.print(run, kind);
      run = '';
    }
    kind = k;
    run += text;
  }
  terminal.print(run, kind);
  terminal.setPrompt(result.prompt);
  terminal.setSecret(result.secret);
  // The line's last build is what the build view shows (a script may build
  // several times): its report plays; a failure before building is shown as such.
  if (lastBuild?.report && result.build) showBuild(result.build);
  else if (lastBuild) showBuildFailure(lastBuild.error);
}

async function runLine(line, { record = true } = {}) {
  await state.restarting;
  if (state.readonly) {
    terminal.print(`${t('readOnlyLine')}\n`, 'err');
    return;
  }
  // A password line (the engine asked for one): nothing keeps what was typed.
  const secret = terminal.secret;
  let result;
  try {
    result = await state.sim.run(line);
  } catch (err) {
    if (err.engineDied) {
      terminal.print(`${t('engineCrashedAt')} ${line}\n`, 'err');
      await state.restarting;
      return;
    }
    // The line did not run (catalog data that would not load, a bad call): said where it was typed.
    terminal.print(`${err?.message ?? err}\n`, 'err');
    terminal.setPrompt(await state.sim.prompt().catch(() => terminal.prompt));
    return;
  }
  applyResult(result);
  // Lines of an open construct (a here-document's body, even empty ones)
  // are kept so a replay sends the same lines; Ctrl-C drops them again.
  if (record && secret) {
    // The replay still answers the prompt: with a stand-in (any password is accepted).
    state.history.push(line === '' ? '' : SECRET_STAND_IN);
  } else if (record && (line.trim() !== '' || state.pendingFrom !== null)) {
    if (state.pendingFrom === null && result.pending) state.pendingFrom = state.history.length;
    state.history.push(line);
  }
  if (!result.pending) state.pendingFrom = null;
  persist();
  await refreshState();
  if (state.editRequest !== undefined) await openForEdit();
  await lessons?.onCommand();
}

/** `nano FILE` at the prompt: the editor shows FILE, with the cursor in it. */
async function openForEdit() {
  const name = state.editRequest;
  delete state.editRequest;
  if (state.files[name] === undefined) state.files[name] = (await state.sim.read_file(`${APP_DIR}/${name}`)) ?? '';
  selectFile(name);
  editor.focusAt(0);
}

async function build() {
  // Said at once: the engine answers from its worker a moment later.
  state.refocusBuild = document.activeElement === $('build');
  $('build').disabled = true;
  $('status').textContent = t('building');
  state.buildOutcome = null;
  const tag = $('tag').value.trim() || 'app';
  const flags = $('no-cache').checked ? ' --no-cache' : '';
  const { cwd } = await state.sim.state();
  const path = cwd === APP_DIR ? '.' : APP_DIR;
  await terminal.submit(`docker build${flags} -t ${tag} ${path}`);
  if (!state.animating) $('build').disabled = false;
  // Nothing was built (the line did not get to build): back to ready. A build
  // that played or failed keeps its own status ("Built …", "Build failed").
  if (state.buildOutcome === null) $('status').textContent = t('ready');
  if (!state.animating && state.refocusBuild && (!document.activeElement || document.activeElement === document.body)) $('build').focus();
}

/**
 * A fresh engine with `files` in ~/app, the lesson's `setup` commands and
 * then `history` replayed. A line that crashes the engine stops the replay
 * there: a new engine is made from the lines before it, and the answer says
 * which line it was (`stoppedAt`). Files are written again after the replay
 * so the engine holds exactly the saved files.
 */
async function freshEngine(files, setup = [], history = []) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const sim = await createEngine();
    const base = [`mkdir -p ${APP_DIR}`, `cd ${APP_DIR}`];
    // `nano FILE` at the prompt opens FILE in this page's editor.
    sim.set_editor_root(APP_DIR);
    // The files first, at the clock's start (as `dockersim shell --import`
    // places them), so the same build gives the same image ID everywhere.
    await Promise.all(Object.entries(files).map(([name, text]) => sim.write_file(`${APP_DIR}/${name}`, text)));
    await sim.run(base[0]);
    await sim.run(base[1]);
    let stoppedAt = -1;
    const lines = [...setup, ...history];
    for (let i = 0; i < lines.length; i += 1) {
      try {
        await sim.run(lines[i]);
      } catch (err) {
        if (!err.engineDied) continue;
        stoppedAt = i;
        break;
      }
    }
    if (stoppedAt >= 0) {
      const kept = Math.max(0, stoppedAt - setup.length);
      if (stoppedAt < setup.length) return { sim: await freshEngine(files).then((r) => r.sim), history: [], stoppedAt: lines[stoppedAt] };
      const again = await freshEngine(files, setup, history.slice(0, kept));
      return { ...again, stoppedAt: lines[stoppedAt] };
    }
    try {
      // Back to exactly the saved files; unchanged ones keep their times.
      const changed = await Promise.all(Object.entries(files).map(async ([name, text]) => ((await sim.read_file(`${APP_DIR}/${name}`)) === text ? null : [name, text])));
      await Promise.all(changed.filter(Boolean).map(([name, text]) => sim.write_file(`${APP_DIR}/${name}`, text)));
      await sim.prompt();
      return { sim, history: [...history], stoppedAt: null };
    } catch (err) {
      if (!err.engineDied) throw err;
    }
  }
  throw new Error('the engine keeps stopping');
}

/** Shows workspace `ws` (files, history replayed, transcript, lesson). */
async function showWorkspace(ws) {
  state.starting = true;
  const old = state.sim;
  state.replaying = true;
  let made;
  try {
    made = await freshEngine(ws.files ?? {}, ws.setup ?? [], ws.history ?? []);
  } finally {
    state.replaying = false;
  }
  state.sim = made.sim;
  if (old?.alive) old.dispose();
  state.ws = { id: ws.id, rev: ws.rev ?? 0, lesson: ws.lesson ?? null, setup: ws.setup ?? [] };
  state.files = { ...(ws.files ?? {}) };
  state.history = made.history;
  state.pendingFrom = null;
  state.lastImage = null;
  state.openDirs = new Set();
  terminal.restore(ws.transcript ?? []);
  terminal.history = state.history.filter((l) => l.trim() && l !== SECRET_STAND_IN);
  terminal.cursor = terminal.history.length;
  terminal.setPrompt(await state.sim.prompt());
  player.reset();
  setPlayLabel();
  $('status').textContent = t('ready');
  selectFile(state.files.Dockerfile !== undefined ? 'Dockerfile' : Object.keys(state.files)[0]);
  document.body.dataset.workspace = ws.id;
  $('tag').value = lessonTag(ws.lesson);
  // A lesson without files (and whose solution edits none) is done in the
  // terminal: the editor steps aside until a file appears.
  const terminalOnly = Boolean(ws.lesson) && !Object.keys(ws.lesson.setup?.files ?? {}).length
    && !Object.keys(ws.lesson.solution?.files ?? {}).length && !Object.keys(state.files).length;
  document.body.classList.toggle('terminal-only', terminalOnly);
  if (made.stoppedAt !== null) {
    const msg = `${t('replayStopped')} ${made.stoppedAt}`;
    terminal.print(`${msg}\n`, 'err');
    notice(msg);
  }
  state.starting = false;
  await Promise.all([refreshDiagnostics(), refreshState()]);
  await lessons?.activate(ws.lesson ? lessons.find(ws.lesson) ?? ws.lesson : null, ws.lessonProgress);
  await store.setActive(ws.id).catch(() => {});
  if (made.stoppedAt !== null) await flush();
}

/** Saves the current workspace, then opens `id` (from storage, or `fresh()`). */
async function switchWorkspace(id, fresh, { reset = false } = {}) {
  if (!state.readonly && !(await flush()) && !window.confirm(t('unsavedSwitch'))) return false;
  let ws = reset ? null : await store.get(id).catch(() => null);
  if (ws && !store.isWorkspace(ws)) ws = null;
  if (reset) {
    const old = await store.get(id).catch(() => null);
    ws = { ...fresh(), id, rev: old?.rev ?? 0 };
  } else if (!ws) {
    ws = { ...fresh(), id, rev: 0 };
  }
  state.readonly = false;
  claim(id);
  await showWorkspace(ws);
  persist();
  return true;
}

/** The tag a lesson's builds use: from its solution's `docker build -t`, else its goals' image. */
function lessonTag(lesson) {
  for (const line of lesson?.solution?.commands ?? []) {
    const m = /\bdocker\s+(?:image\s+)?build\b.*?\s(?:-t|--tag)[\s=]+([^\s]+)/.exec(line);
    if (m) return m[1];
  }
  const image = (lesson?.goals ?? []).map((g) => g.check?.image).find(Boolean);
  return image ?? 'app';
}

function freePlayWorkspace() {
  return { files: { ...EXAMPLE_FILES }, history: [], setup: [], transcript: [], lesson: null };
}

function lessonWorkspace(lesson) {
  return { files: { ...(lesson.setup?.files ?? {}) }, setup: [...(lesson.setup?.commands ?? [])], history: [], transcript: [], lesson };
}

/** The workspace already has the learner's work in it (worth a confirmation). */
function hasWork() {
  return state.history.length > 0 || JSON.stringify(state.files) !== JSON.stringify(state.ws.lesson ? state.ws.lesson.setup?.files ?? {} : EXAMPLE_FILES);
}

// ---- the engine dies --------------------------------------------------------

/** Restarts the engine from the workspace after the worker died. */
function restartEngine(reason) {
  if (state.replaying || state.restarting) return;
  const box = $('engine-state');
  box.textContent = `${t('engineStopped')} (${reason}) ${t('engineRestarting')}`;
  box.hidden = false;
  player.reset();
  state.animating = false;
  state.restarting = (async () => {
    try {
      state.replaying = true;
      const made = await freshEngine(state.files, state.ws.setup, state.history);
      state.sim = made.sim;
      state.history = made.history;
      terminal.setPrompt(await state.sim.prompt());
      box.textContent = t('engineRestarted');
      if (made.stoppedAt !== null) terminal.print(`${t('replayStopped')} ${made.stoppedAt}\n`, 'err');
    } catch (err) {
      box.textContent = `${t('engineStopped')} ${err?.message ?? err}`;
    } finally {
      state.replaying = false;
      state.restarting = null;
      $('build').disabled = false;
      $('status').textContent = t('ready');
      document.body.dataset.engine = 'restarted';
    }
    await refreshState().catch(() => {});
    persist();
    setTimeout(() => { if (box.textContent === t('engineRestarted')) box.hidden = true; }, 8000);
  })();
}

// ---- tabs: one owner per workspace -------------------------------------------

const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('dockersim.tabs') : null;
/** Says "I show workspace `id`"; a tab already showing it answers and this one turns read-only. */
function claim(id) {
  tabs?.postMessage({ type: 'open', id });
  state.claiming = new Promise((resolve) => setTimeout(resolve, 250)).then(() => { state.claiming = null; });
}

function listenToTabs() {
  tabs?.addEventListener('message', ({ data }) => {
    if (data?.id !== state.ws.id) return;
    if (data.type === 'open' && !state.readonly) tabs.postMessage({ type: 'held', id: data.id });
    if (data.type === 'held') goReadOnly(t('otherTabOpen'));
  });
  store.onOtherTabSave(({ id }) => {
    if (id === state.ws.id) goReadOnly(t('otherTabSaved'));
  });
}

// ---- start ------------------------------------------------------------------

/** The workspace to show at start, and what to say about it. */
async function startingWorkspace() {
  await store.migrateLegacy();
  const linked = await store.fromLink();
  if (linked === 'corrupt') notice(t('corrupt'));
  if (linked && linked !== 'corrupt') {
    // A share link is its own workspace, never written over the learner's.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    const saved = await store.get(linked.id);
    notice(t('sharedOpened'));
    return saved ?? { ...linked, setup: linked.lesson?.setup?.commands ?? [], transcript: [], rev: 0 };
  }
  const lessonParam = new URLSearchParams(window.location.search).get('lesson');
  if (lessonParam) {
    const lesson = await lessons.resolve(lessonParam).catch((err) => {
      notice(`${t('lessonFailed')} ${err?.message ?? err}`);
      return null;
    });
    if (lesson) {
      const id = `lesson:${lesson.id}`;
      const saved = store.withPlainNames(await store.get(id));
      if (saved && store.isWorkspace(saved)) {
        notice(t('restored'));
        return { ...saved, lesson };
      }
      return { ...lessonWorkspace(lesson), id, rev: 0 };
    }
  }
  const active = await store.getActive();
  const saved = store.withPlainNames(active ? await store.get(active) : await store.get(store.FREE));
  if (saved && !store.isWorkspace(saved)) {
    notice(t('corrupt'));
    return { ...freePlayWorkspace(), id: saved.id ?? store.FREE, rev: saved.rev ?? 0 };
  }
  if (saved) {
    notice(t('restored'));
    return saved;
  }
  return { ...freePlayWorkspace(), id: store.FREE, rev: 0 };
}

async function importWorkspace(file) {
  let ws;
  try {
    ws = await store.importFile(file);
  } catch {
    notice(t('corrupt'));
    return;
  }
  const text = JSON.stringify(ws);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const id = `imported:${Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  await switchWorkspace(id, () => ({ files: ws.files, history: ws.history ?? [], setup: ws.lesson?.setup?.commands ?? [], transcript: [], lesson: ws.lesson ?? null }), { reset: true });
  notice(t('importedOpened'));
}

function wireControls() {
  const editorPanel = document.querySelector('.editor-panel');
  editorPanel.addEventListener('dragover', (e) => e.preventDefault());
  editorPanel.addEventListener('drop', dropFiles);
  $('add-file').addEventListener('click', addFile);
  $('add-folder').addEventListener('click', addFolder);
  $('rename-file').addEventListener('click', renameFile);
  $('delete-file').addEventListener('click', deleteFile);
  $('build').addEventListener('click', build);
  $('play').addEventListener('click', () => {
    if (player.playing) player.pause(); else player.play();
    setPlayLabel();
  });
  $('step').addEventListener('click', () => { player.pause(); player.step(); setPlayLabel(); });
  $('replay').addEventListener('click', () => { player.replay(); setPlayLabel(); });
  $('speed').addEventListener('change', (e) => { player.speed = Number(e.target.value); });
  $('lang').addEventListener('click', () => {
    setLang(currentLang() === 'en' ? 'ko' : 'en');
    $('editor').setAttribute('aria-label', t('fileContent'));
    setPlayLabel();
    refreshState();
    refreshPrediction();
    lessons.render();
    lessons.refresh();
  });
  $('share').addEventListener('click', async () => {
    const link = await store.toLink(workspace());
    $('share').dataset.link = link;
    try {
      await navigator.clipboard.writeText(link);
      notice(t('linkCopied'));
    } catch {
      window.prompt(t('linkCopyByHand'), link);
    }
  });
  $('export').addEventListener('click', () => store.exportFile(workspace()));
  $('import').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await importWorkspace(file);
  });
  $('import-button').addEventListener('click', () => $('import').click());
  window.addEventListener('pagehide', () => { flush(); });
  // A share link pasted into this tab's address bar only changes the hash: open it.
  window.addEventListener('hashchange', () => { if (/^#w=/.test(window.location.hash)) window.location.reload(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
}

// Calls in flight when the engine worker dies reject with `engineDied`; the
// page already says so and restarts the engine, so they are not errors.
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason?.engineDied) e.preventDefault();
});

async function main() {
  applyLang();
  editor = new Editor($('editor-host'), { id: 'editor', label: t('fileContent'), onChange: onEdit });
  $('status').textContent = t('loading');
  warmUp();
  player = new Player({ steps: $('steps'), error: $('error'), reducedMotion });
  player.onShow = () => drawImages();
  terminal = new Terminal({ out: $('term-out'), input: $('term-in'), prompt: $('prompt') }, (line) => runLine(line), {
    interrupt: async () => {
      if (state.pendingFrom !== null) state.history.length = state.pendingFrom;
      state.pendingFrom = null;
      const result = await state.sim.interrupt?.().catch(() => null);
      if (result) applyResult(result);
      else terminal.setPrompt(await state.sim.prompt());
    },
    endOfInput: async () => {
      const result = await state.sim.end_of_input().catch(() => null);
      if (result) applyResult(result);
      await refreshState();
    },
    // The core's completion (`complete` binding: PATH, help texts, state); the
    // page's own list (complete.js) when the engine has no such binding.
    complete: async (before) => {
      try {
        const answer = await state.sim.complete(before);
        if (answer && Array.isArray(answer.candidates)) {
          const from = new TextDecoder().decode(new TextEncoder().encode(before).slice(0, answer.start)).length;
          return { from, candidates: answer.candidates };
        }
      } catch (err) {
        if (err.engineDied) return null;
      }
      return complete(before, await state.sim.state());
    },
  });
  terminal.onTranscript = () => persist();
  window.dockersim = { killEngine, flush, terminal, state, catalogFetched, refresh: refreshState };
  onEngineDeath((reason) => restartEngine(reason));

  lessons = new Lessons($('lesson'), {
    start: (lesson, { reset }) => switchWorkspace(`lesson:${lesson.id}`, () => lessonWorkspace(lesson), { reset }),
    freePlay: () => switchWorkspace(store.FREE, freePlayWorkspace),
    hasWork,
    evaluate: (json) => state.sim.lesson_evaluate(json),
    parse: (json) => callStatic('lesson_parse', json),
    saved: () => persist(),
    notice,
  });
  listenToTabs();
  const ws = await startingWorkspace();
  claim(ws.id);
  await showWorkspace(ws);
  wireControls();
  $('build').disabled = false;
  $('status').textContent = t('ready');
  document.body.dataset.ready = 'true';
}

// A start that fails or never finishes shows the recovery screen, not a dead page.
const watchdog = setTimeout(() => showRecovery(new Error(t('startTimeout')), store), 45000);
main().then(() => clearTimeout(watchdog), (err) => {
  clearTimeout(watchdog);
  showRecovery(err, store);
});
