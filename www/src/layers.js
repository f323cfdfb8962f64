// The images-and-layers view: every image as a stack of layers, layers
// shared between images marked as shared, containers as a thin read/write
// layer on top of their image.
import { el, formatSize, shortDigest } from './dom.js';
import { t } from './i18n.js';

export function renderImages(root, hint, state, highlight, onLayer) {
  root.replaceChildren();
  const counts = new Map();
  for (const image of state.images) {
    for (const layer of image.layers) counts.set(layer.diff_id, (counts.get(layer.diff_id) ?? 0) + 1);
  }
  const images = [...state.images].sort((a, b) => (a.tags[0] ?? '~').localeCompare(b.tags[0] ?? '~'));
  hint.hidden = images.length > 0;
  for (const image of images) {
    const card = el('article', 'image-card');
    if (highlight && image.id === highlight) card.classList.add('fresh');
    const title = el('header', 'image-title');
    title.append(
      el('span', 'image-name mono', image.tags[0] ?? '<none>:<none>'),
      el('span', 'image-meta mono', `${shortDigest(image.id)} · ${formatSize(image.size)}`),
    );
    card.append(title);
    const containers = state.containers.filter((c) => c.image_id === image.id);
    const stack = el('ol', 'layer-stack');
    stack.setAttribute('aria-label', `${image.tags[0] ?? image.id}: ${image.layers.length} ${t('layer')}`);
    for (const c of containers) {
      const li = el('li', `rw-layer ${c.state}`);
      li.append(el('span', 'layer-label mono', `${c.name} · ${t('rwLayer')}`), el('span', 'layer-size', c.status));
      stack.append(li);
    }
    [...image.layers].reverse().forEach((layer, i) => {
      const shared = (counts.get(layer.diff_id) ?? 0) > 1;
      const li = el('li', shared ? 'layer shared' : 'layer');
      if (onLayer) {
        const index = image.layers.length - 1 - i;
        li.tabIndex = 0;
        li.setAttribute('role', 'button');
        li.addEventListener('click', () => onLayer(image, index));
        li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onLayer(image, index); } });
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
    root.append(card);
  }
}

const KIND = { A: 'added', C: 'changed', D: 'deleted' };

/** One layer's changeset: A/C/D letters, sizes, whiteouts. */
export function renderChanges(box, image, index, changes) {
  box.replaceChildren();
  const layer = image.layers[index];
  const head = el('header', 'detail-head');
  head.append(
    el('span', 'mono', `${image.tags[0] ?? shortDigest(image.id)} · ${t('layer')} ${index + 1}/${image.layers.length}`),
    el('span', 'layer-size', formatSize(layer.size)),
  );
  const close = el('button', 'small', '×');
  close.type = 'button';
  close.setAttribute('aria-label', t('close'));
  close.addEventListener('click', () => { box.hidden = true; });
  head.append(close);
  box.append(head, el('p', 'detail-by mono', layer.created_by));
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
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}
