// The build context as a tree: folders (from paths such as src/app.js) open
// and close, files are buttons that open in the editor. Folders are
// <details> elements and files <button>s, so the keyboard reaches all of it.
// Everything user-named is set as text.
import { el } from './dom.js';
import { t } from './i18n.js';

/** Paths → nested { dirs: Map<name, node>, files: [path] }, sorted. */
function tree(paths) {
  const root = { dirs: new Map(), files: [] };
  for (const path of paths) {
    const parts = path.split('/').filter(Boolean);
    let node = root;
    for (const dir of parts.slice(0, -1)) {
      if (!node.dirs.has(dir)) node.dirs.set(dir, { dirs: new Map(), files: [] });
      node = node.dirs.get(dir);
    }
    node.files.push(path);
  }
  return root;
}

const byName = (a, b) => (a === 'Dockerfile' ? -1 : b === 'Dockerfile' ? 1 : a.localeCompare(b));

/**
 * Draws `paths` into `root`. `open` is the Set of folder paths shown open
 * (kept by the caller across redraws); `selected` is the current file or
 * folder path. `onFile(path)` and `onFolder(path)` report clicks.
 */
export function renderFileTree(root, paths, { selected, open, onFile, onFolder }) {
  root.replaceChildren();
  const draw = (node, prefix, list) => {
    for (const name of [...node.dirs.keys()].sort(byName)) {
      const path = `${prefix}${name}`;
      const li = el('li', 'tree-dir');
      const details = el('details');
      details.open = open.has(path);
      const summary = el('summary', 'tree-folder mono', `${name}/`);
      summary.setAttribute('aria-label', `${t('folder')} ${path}`);
      if (selected === path) summary.setAttribute('aria-current', 'true');
      summary.addEventListener('click', () => onFolder(path));
      details.addEventListener('toggle', () => {
        if (details.open) open.add(path);
        else open.delete(path);
      });
      const inner = el('ul', 'tree-list');
      draw(node.dirs.get(name), `${path}/`, inner);
      details.append(summary, inner);
      li.append(details);
      li.dataset.path = path;
      list.append(li);
    }
    for (const path of [...node.files].sort((a, b) => byName(a.slice(prefix.length), b.slice(prefix.length)))) {
      const li = el('li', 'tree-file');
      const button = el('button', 'tab', path.slice(prefix.length));
      button.type = 'button';
      button.title = path;
      if (path === selected) button.setAttribute('aria-current', 'true');
      button.addEventListener('click', () => onFile(path));
      li.dataset.path = path;
      li.append(button);
      list.append(li);
    }
  };
  const top = el('ul', 'tree-list tree-root');
  draw(tree(paths), '', top);
  root.append(top);
}

/** Files dropped from the desktop, folders included: [{ path, text }]. */
export async function droppedFiles(dataTransfer) {
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ path: `${prefix}${file.name}`, text: await file.text() });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  const entries = [...(dataTransfer?.items ?? [])].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length) {
    for (const entry of entries) await walk(entry, '');
  } else {
    for (const file of dataTransfer?.files ?? []) out.push({ path: file.name, text: await file.text() });
  }
  return out;
}
