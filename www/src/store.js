// Saving the workspace: autosave in localStorage, share links in the URL
// hash (deflate-compressed, base64url), and export/import as a file.
const KEY = 'dockersim.workspace.v1';

function isWorkspace(value) {
  return value && typeof value === 'object' && value.files && typeof value.files === 'object'
    && Object.values(value.files).every((v) => typeof v === 'string')
    && Array.isArray(value.history ?? []);
}

export function save(workspace) {
  try {
    localStorage.setItem(KEY, JSON.stringify(workspace));
  } catch {
    // Storage full or disabled: the page keeps working without autosave.
  }
}

/** The saved workspace, `null` if none, or `'corrupt'` if it cannot be read. */
export function load() {
  const raw = localStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw);
    if (isWorkspace(value)) return value;
  } catch {
    // fall through
  }
  localStorage.removeItem(KEY);
  return 'corrupt';
}

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
  const json = new TextEncoder().encode(JSON.stringify(workspace));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  const url = new URL(window.location.href);
  url.hash = `w=${toBase64Url(packed)}`;
  return url.toString();
}

/** The workspace in the URL hash, `null` if none, or `'corrupt'`. */
export async function fromLink() {
  const match = /^#w=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  if (!match) return null;
  try {
    const bytes = await pipe(fromBase64Url(match[1]), new DecompressionStream('deflate-raw'));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    if (isWorkspace(value)) return value;
  } catch {
    // fall through
  }
  return 'corrupt';
}

export function exportFile(workspace) {
  const blob = new Blob([JSON.stringify(workspace, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'dockersim-workspace.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export async function importFile(file) {
  const value = JSON.parse(await file.text());
  if (!isWorkspace(value)) throw new Error('not a dockersim workspace');
  return value;
}
