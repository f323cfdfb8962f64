// The images-and-layers view: every image as a stack of layers, layers
// shared between images marked as shared, containers as a thin read/write
// layer on top of their image.
import { el, formatSize, shortDigest, clickable } from './dom.js';
import { t } from './i18n.js';

/**
 * Draws the images. `playing` (optional) holds back the layers of the image
 * a build is still playing: `{ image, produced, seen }` — layers the build
 * produced (`produced`) show once their step has played (`seen`).
 * Dangling images (`<none>`) are collapsed into one group under the others.
 */
export function renderImages(root, hint, state, highlight, onLayer, onContainer, playing = null) {
  root.replaceChildren();
  const counts = new Map();
  for (const image of state.images) {
    for (const layer of image.layers) counts.set(layer.diff_id, (counts.get(layer.diff_id) ?? 0) + 1);
  }
  const images = [...state.images].sort((a, b) => (a.tags[0] ?? '~').localeCompare(b.tags[0] ?? '~'));
  hint.hidden = images.length > 0;
  const dangling = el('details', 'dangling');
  const danglingCount = images.filter((i) => i.tags.length === 0 && i.id !== highlight).length;
  dangling.append(el('summary', 'dangling-summary', `${danglingCount} ${t('danglingImages')}`));
  for (const image of images) {
    const card = el('article', 'image-card');
    const into = image.tags.length === 0 && image.id !== highlight ? dangling : root;
    const layers = playing && image.id === playing.image
      ? image.layers.filter((l) => !playing.produced.has(l.diff_id) || playing.seen.has(l.diff_id))
      : image.layers;
    if (highlight && image.id === highlight) card.classList.add('fresh');
    const title = el('header', 'image-title');
    title.append(
      el('span', 'image-name mono', image.tags[0] ?? '<none>:<none>'),
      el('span', 'image-meta mono', `${shortDigest(image.id)} · ${formatSize(image.size)}`),
    );
    card.append(title);
    const containers = state.containers.filter((c) => c.image_id === image.id);
    const stack = el('ol', 'layer-stack');
    stack.setAttribute('aria-label', `${image.tags[0] ?? image.id}: ${layers.length} ${t('layer')}`);
    for (const c of containers) {
      const li = el('li', `rw-layer ${c.state}`);
      li.append(el('span', 'layer-label mono', `${c.name} · ${t('rwLayer')}`), el('span', 'layer-size', c.status));
      if (onContainer) clickable(li, () => onContainer(c), `container:${c.id}`);
      stack.append(li);
    }
    [...layers].reverse().forEach((layer) => {
      const shared = (counts.get(layer.diff_id) ?? 0) > 1;
      const li = el('li', shared ? 'layer shared' : 'layer');
      if (onLayer) {
        // The layer's place in the image (while a build plays, `layers` is a part of it).
        const index = image.layers.indexOf(layer);
        clickable(li, () => onLayer(image, index), `layer:${image.id}:${index}`);
      }
      li.title = `${layer.created_by}\n${layer.diff_id}`;
      li.append(
        el('span', 'layer-label mono', layer.created_by || layer.diff_id),
        el('span', 'layer-size', formatSize(layer.size)),
      );
      const sub = el('span', 'digest mono', `sha256:${shortDigest(layer.diff_id)}`);
      if (shared) sub.append(el('span', 'shared-badge', t('shared')));
      li.append(sub);
      stack.append(li);
    });
    card.append(stack);
    into.append(card);
  }
  if (danglingCount) root.append(dangling);
}

const KIND = { A: 'added', C: 'changed', D: 'deleted' };

function detailHead(box, title, size) {
  const head = el('header', 'detail-head');
  head.append(el('span', 'mono', title), el('span', 'layer-size', size));
  const close = el('button', 'small', '×');
  close.type = 'button';
  close.setAttribute('aria-label', t('close'));
  close.addEventListener('click', () => { box.hidden = true; });
  head.append(close);
  return head;
}

function changeList(box, changes) {
  if (!changes.entries.length) {
    box.append(el('p', 'hint', t('noChanges')));
    return;
  }
  const list = el('ul', 'changes');
  for (const c of changes.entries) {
    const li = el('li', `change ${KIND[c.kind]}`);
    li.append(el('span', 'change-kind mono', c.kind), el('span', 'change-path mono', `/${c.path}${c.node === 'dir' ? '/' : ''}`));
    li.append(el('span', 'change-size', c.node === 'whiteout' ? t('whiteout') : c.node === 'file' ? formatSize(c.size) : ''));
    li.title = t(KIND[c.kind]);
    list.append(li);
  }
  box.append(list);
  if (changes.total > changes.entries.length) box.append(el('p', 'hint', `… ${changes.total - changes.entries.length} ${t('more')}`));
}

/** Files this layer stores that a later layer deletes or replaces (dive's "wasted space"). */
function hiddenList(box, changes) {
  if (!changes.hidden_bytes) return;
  const section = el('div', 'hidden-files');
  section.append(
    el('h4', 'hidden-title', `${t('hiddenTitle')} · ${formatSize(changes.hidden_bytes)}`),
    el('p', 'hint', t('hiddenHelp')),
  );
  const list = el('ul', 'changes');
  for (const w of changes.hidden) {
    const li = el('li', 'change hidden-file');
    li.append(
      el('span', 'change-path mono', w.path),
      el('span', 'change-size', `${formatSize(w.size)} · ${t(w.replaced ? 'hiddenReplaced' : 'hiddenDeleted')} ${w.hidden_by + 1}`),
    );
    list.append(li);
  }
  section.append(list);
  section.append(el('p', 'hint', `${formatSize(changes.image_hidden_bytes)} ${t('imageHidden')}`));
  box.append(section);
}

/**
 * A filesystem browsed one folder at a time: `listDir(path)` resolves to the
 * folder's entries (name, kind, size, mode, target, children). Folders are
 * <details> elements, so the keyboard opens and closes them.
 */
export function fsTree(title, listDir) {
  const section = el('section', 'fs-tree');
  section.append(el('h3', 'fs-title', title));
  const top = el('ul', 'fs-list');
  section.append(top);
  const fill = async (list, path) => {
    let entries;
    try {
      entries = await listDir(path);
    } catch (err) {
      list.replaceChildren(el('li', 'hint', String(err?.message ?? err)));
      return;
    }
    list.replaceChildren();
    if (!entries.length) list.append(el('li', 'hint', t('emptyDir')));
    for (const e of entries) {
      const full = path === '/' ? `/${e.name}` : `${path}/${e.name}`;
      const li = el('li', `fs-entry ${e.kind}`);
      if (e.kind === 'dir') {
        const details = el('details');
        const summary = el('summary', 'fs-row');
        summary.append(el('span', 'fs-name mono', `${e.name}/`), el('span', 'fs-meta mono', `${e.mode} · ${e.children} ${t('entries')}`));
        const inner = el('ul', 'fs-list');
        details.append(summary, inner);
        details.addEventListener('toggle', () => {
          if (details.open && !inner.dataset.loaded) {
            inner.dataset.loaded = 'true';
            fill(inner, full);
          }
        });
        li.append(details);
      } else {
        const row = el('div', 'fs-row');
        const name = e.kind === 'symlink' ? `${e.name} -> ${e.target}` : e.name;
        row.append(el('span', 'fs-name mono', name), el('span', 'fs-meta mono', e.kind === 'file' ? `${e.mode} · ${formatSize(e.size)}` : e.mode));
        li.append(row);
      }
      list.append(li);
    }
  };
  fill(top, '/');
  return section;
}

/** One layer's changeset (A/C/D letters, sizes, whiteouts) and the merged filesystem at that layer. */
export function renderChanges(box, image, index, changes, listDir) {
  box.replaceChildren();
  const layer = image.layers[index];
  box.append(
    detailHead(box, `${image.tags[0] ?? shortDigest(image.id)} · ${t('layer')} ${index + 1}/${image.layers.length}`, formatSize(layer.size)),
    el('p', 'detail-by mono', layer.created_by),
  );
  changeList(box, changes);
  hiddenList(box, changes);
  if (listDir) box.append(fsTree(t('mergedFs'), listDir));
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

/** A container's read/write layer and its whole filesystem. */
export function renderContainer(box, container, changes, listDir) {
  box.replaceChildren();
  box.append(detailHead(box, `${container.name} · ${t('rwLayer')}`, container.status), el('p', 'detail-by mono', `${t('rwChanges')} (docker diff ${container.name})`));
  changeList(box, changes);
  box.append(fsTree(t('containerFs'), listDir));
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

const PALETTE = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#dc2626'];

/**
 * `docker system df` as a picture: the images' sizes added up one by one,
 * against what is really stored (every shared layer once); then the
 * containers' read/write layers and the build cache. A sentence says the
 * same for screen readers.
 */
export function renderDiskUsage(root, du) {
  root.replaceChildren();
  root.hidden = du.images.length === 0;
  if (root.hidden) return;
  const title = el('h3', 'df-title', t('dfTitle'));
  title.id = 'df-title';
  const images = [...du.images].sort((a, b) => a.name.localeCompare(b.name));
  const scale = Math.max(du.images_logical, du.images_actual, 1);
  const color = new Map(images.map((img, i) => [img.id, PALETTE[i % PALETTE.length]]));
  const bar = (label, total, segments) => {
    const row = el('div', 'df-row');
    const track = el('div', 'df-track');
    track.setAttribute('aria-hidden', 'true');
    for (const seg of segments) {
      if (seg.size <= 0) continue;
      const part = el('span', `df-seg${seg.shared ? ' shared' : ''}`);
      part.style.width = `${(100 * seg.size) / scale}%`;
      if (!seg.shared) part.style.background = seg.color;
      part.title = `${seg.label}: ${formatSize(seg.size)}`;
      track.append(part);
    }
    row.append(el('span', 'df-label', label), track, el('span', 'df-size mono', formatSize(total)));
    return row;
  };
  const logical = [];
  for (const img of images) {
    logical.push({ label: img.name, size: img.size - img.shared, color: color.get(img.id) });
    logical.push({ label: `${img.name} (${t('shared')})`, size: img.shared, shared: true });
  }
  const unique = images.map((img) => ({ label: img.name, size: img.size - img.shared, color: color.get(img.id) }));
  const sharedOnce = du.images_actual - unique.reduce((sum, s) => sum + s.size, 0);
  const actual = [...unique, { label: t('sharedOnce'), size: sharedOnce, shared: true }];
  const legend = el('ul', 'df-legend');
  for (const img of images) {
    const li = el('li', '');
    const swatch = el('span', 'df-swatch');
    swatch.style.background = color.get(img.id);
    li.append(swatch, el('span', 'mono', `${img.name} ${formatSize(img.size)}`));
    legend.append(li);
  }
  const sharedItem = el('li', '');
  sharedItem.append(el('span', 'df-swatch shared'), el('span', '', t('sharedLayers')));
  legend.append(sharedItem);
  const saved = du.images_logical - du.images_actual;
  const summary = el('p', 'df-summary', t('dfSummary')
    .replace('{n}', String(images.length))
    .replace('{logical}', formatSize(du.images_logical))
    .replace('{actual}', formatSize(du.images_actual))
    .replace('{saved}', formatSize(saved)));
  const extra = el('p', 'df-extra mono', `${t('containers')}: ${du.containers.length} · ${formatSize(du.containers_total)}   ${t('buildCache')}: ${du.build_cache_entries} · ${formatSize(du.build_cache)}`);
  root.append(title, bar(t('dfLogical'), du.images_logical, logical), bar(t('dfActual'), du.images_actual, actual), legend, summary, extra);
}
