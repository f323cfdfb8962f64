// Saving the learner's work. Workspaces live in IndexedDB (room for real
// workspaces, unlike localStorage's few MB), one per lesson plus free play
// plus one per opened share link:
//   workspaces: { id, files, history, transcript, lesson?, rev, saved }
//   meta:       'active' → the id of the workspace the page shows
// Every save bumps `rev`; a save whose base revision is no longer the stored
// one (another tab saved meanwhile) is refused, and every save is announced
// on a BroadcastChannel so a second tab on the same workspace turns
// read-only instead of silently overwriting the first.
// Share links carry a workspace in the URL hash (deflate-raw, base64url);
// export/import use a JSON file.
const DB_NAME = 'dockersim';
const LEGACY_KEY = 'dockersim.workspace.v1';
export const FREE = 'free';

export class ConflictError extends Error {}

/** A workspace file name: a relative path of plain names (no '', '.', '..', leading '/'). */
export function isFileName(name) {
  return typeof name === 'string' && name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** `value` without the files whose names are not plain relative paths (a stored name '', '.' or '/' cannot be written). */
export function withPlainNames(value) {
  if (!value || typeof value !== 'object' || !value.files || typeof value.files !== 'object') return value;
  return { ...value, files: Object.fromEntries(Object.entries(value.files).filter(([name]) => isFileName(name))) };
}

export function isWorkspace(value) {
  return Boolean(value) && typeof value === 'object' && value.files && typeof value.files === 'object'
    && Object.entries(value.files).every(([name, v]) => isFileName(name) && typeof v === 'string')
    && Array.isArray(value.history ?? []) && (value.history ?? []).every((l) => typeof l === 'string');
}

let dbPromise = null;
function db() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('workspaces', { keyPath: 'id' });
        req.result.createObjectStore('meta');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('the saved-workspace database is blocked by another tab'));
    });
  }
  return dbPromise;
}

function done(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the save was aborted'));
  });
}

/** The stored workspace `id`, or null. */
export async function get(id) {
  const tx = (await db()).transaction('workspaces');
  return (await done(tx.objectStore('workspaces').get(id))) ?? null;
}

export async function list() {
  const tx = (await db()).transaction('workspaces');
  return done(tx.objectStore('workspaces').getAll());
}

/** Stores `ws` if the stored revision is still `ws.rev` (or absent); returns the new revision. */
export async function put(ws, { force = false } = {}) {
  const tx = (await db()).transaction('workspaces', 'readwrite');
  const store = tx.objectStore('workspaces');
  const current = await done(store.get(ws.id));
  if (!force && current && (current.rev ?? 0) !== (ws.rev ?? 0)) {
    tx.abort();
    throw new ConflictError(`workspace ${ws.id} was saved by another tab`);
  }
  const rev = force ? (current?.rev ?? 0) + 1 : (ws.rev ?? 0) + 1;
  store.put({ ...ws, rev, saved: Date.now() });
  await finished(tx);
  channel()?.postMessage({ type: 'saved', id: ws.id, rev, tab: TAB });
  return rev;
}

export async function remove(id) {
  const tx = (await db()).transaction('workspaces', 'readwrite');
  tx.objectStore('workspaces').delete(id);
  await finished(tx);
  channel()?.postMessage({ type: 'saved', id, rev: -1, tab: TAB });
}

export async function getActive() {
  const tx = (await db()).transaction('meta');
  return (await done(tx.objectStore('meta').get('active'))) ?? null;
}

export async function setActive(id) {
  const tx = (await db()).transaction('meta', 'readwrite');
  tx.objectStore('meta').put(id, 'active');
  await finished(tx);
}

/** Everything stored, for the recovery screen's export. */
export async function dump() {
  const out = { workspaces: [], active: null };
  try {
    out.workspaces = await list();
    out.active = await getActive();
  } catch (err) {
    out.error = String(err?.message ?? err);
  }
  const legacy = localStorage.getItem(LEGACY_KEY);
  if (legacy) out.legacy = legacy;
  return out;
}

/** Deletes every saved workspace (the recovery screen's reset). */
export async function wipe() {
  localStorage.removeItem(LEGACY_KEY);
  try {
    (await db()).close();
  } catch { /* not open */ }
  dbPromise = null;
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

/** The workspace an older version kept in localStorage, moved into free play once. */
export async function migrateLegacy() {
  const raw = localStorage.getItem(LEGACY_KEY);
  if (!raw) return;
  try {
    const value = JSON.parse(raw);
    if (isWorkspace(value) && !(await get(FREE))) await put({ id: FREE, files: value.files, history: value.history ?? [], transcript: [] });
  } catch { /* unreadable: dropped */ }
  localStorage.removeItem(LEGACY_KEY);
}

// ---- tabs ----------------------------------------------------------------

const TAB = Math.random().toString(36).slice(2);
let bc;
function channel() {
  if (bc === undefined) bc = typeof BroadcastChannel === 'function' ? new BroadcastChannel('dockersim') : null;
  return bc;
}

/** `listener({ id, rev })` for saves made by other tabs. */
export function onOtherTabSave(listener) {
  channel()?.addEventListener('message', ({ data }) => {
    if (data?.type === 'saved' && data.tab !== TAB) listener(data);
  });
}

// ---- share links and files -------------------------------------------------

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export async function toLink(workspace) {
  const json = new TextEncoder().encode(JSON.stringify({ files: workspace.files, history: workspace.history, lesson: workspace.lesson }));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  const url = new URL(window.location.href);
  url.search = '';
  url.hash = `w=${toBase64Url(packed)}`;
  return url.toString();
}

/** A short stable name for a share link's payload: its own workspace id. */
async function linkId(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `shared:${Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The workspace in the URL hash (with its own `id`), `null` if none, or `'corrupt'`. */
export async function fromLink() {
  const match = /^#w=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  if (!match) return null;
  try {
    const bytes = await pipe(fromBase64Url(match[1]), new DecompressionStream('deflate-raw'));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    const plain = withPlainNames(value);
    if (isWorkspace(plain)) return { ...plain, id: await linkId(match[1]) };
  } catch {
    // fall through
  }
  return 'corrupt';
}

export function download(name, value) {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function exportFile(workspace) {
  download('dockersim-workspace.json', { files: workspace.files, history: workspace.history, lesson: workspace.lesson });
}

export async function importFile(file) {
  const value = JSON.parse(await file.text());
  if (!isWorkspace(value)) throw new Error('not a dockersim workspace');
  return value;
}
