// Plays a build report's event log back step by step.

const STEP_DELAY_MS = 420;
const CACHED_DELAY_MS = 160;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function formatSize(bytes) {
  // Docker's HumanSizeWithPrecision(size, 3): decimal units.
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i += 1;
  }
  const text = i === 0 ? String(value) : String(Number(value.toPrecision(3)));
  return `${text}${units[i]}`;
}

function shortDigest(digest) {
  return digest.replace('sha256:', '').slice(0, 12);
}

function stepItem(event) {
  const li = el('li', 'step running');
  li.dataset.vertex = String(event.vertex);
  const head = el('div', 'step-head');
  head.append(el('span', 'step-num', `#${event.vertex}`), el('span', 'step-label mono', event.label));
  const badge = el('span', 'badge', 'running');
  head.append(badge);
  li.append(head);
  return li;
}

function layerItem(layer, label) {
  const li = el('li', 'layer enter');
  li.append(
    el('span', 'layer-label mono', label),
    el('span', 'layer-size', formatSize(layer.size)),
    el('span', 'digest mono', `sha256:${shortDigest(layer.diff_id)}`),
  );
  li.title = layer.diff_id;
  return li;
}

/** Animates `report.events` into the step list and the layer stack. */
export async function playBuild(report, view) {
  const { steps, layers, imageId, hint } = view;
  steps.replaceChildren();
  layers.replaceChildren();
  imageId.textContent = '';
  const wait = (ms) => (view.reducedMotion ? Promise.resolve() : sleep(ms));
  const items = new Map();
  const labels = new Map();
  const layerLabels = new Map();
  for (const event of report.events) {
    switch (event.type) {
      case 'step_started': {
        const li = stepItem(event);
        items.set(event.vertex, li);
        labels.set(event.vertex, event.label.replace(/^\[[^\]]*\]\s*/, ''));
        steps.append(li);
        li.scrollIntoView({ block: 'nearest' });
        await wait(CACHED_DELAY_MS);
        break;
      }
      case 'step_log': {
        const li = items.get(event.vertex);
        let log = li.querySelector('.log');
        if (!log) {
          log = el('pre', 'log');
          li.append(log);
        }
        log.textContent += `${event.line}\n`;
        break;
      }
      case 'step_cached':
      case 'step_done': {
        const li = items.get(event.vertex);
        const cached = event.type === 'step_cached';
        li.className = `step ${cached ? 'cached' : 'done'}`;
        li.querySelector('.badge').textContent = cached ? 'CACHED' : `DONE ${(event.duration_ms / 1000).toFixed(1)}s`;
        if (event.reason) li.append(el('p', 'reason', event.reason));
        if (event.layer) {
          li.append(el('p', 'digest mono', `layer sha256:${shortDigest(event.layer.diff_id)} · ${formatSize(event.layer.size)}`));
          layerLabels.set(event.layer.diff_id, labels.get(event.vertex));
          layers.prepend(layerItem(event.layer, labels.get(event.vertex)));
          hint.hidden = true;
        }
        await wait(cached ? CACHED_DELAY_MS : STEP_DELAY_MS);
        break;
      }
      case 'step_failed': {
        const li = items.get(event.vertex);
        li.className = 'step failed';
        li.querySelector('.badge').textContent = 'ERROR';
        li.append(el('p', 'reason', event.message));
        break;
      }
      case 'metadata_applied': {
        const li = el('li', 'step meta');
        const head = el('div', 'step-head');
        head.append(el('span', 'step-num', '·'), el('span', 'step-label mono', event.created_by), el('span', 'badge', '0 B'));
        li.append(head);
        steps.append(li);
        await wait(CACHED_DELAY_MS / 2);
        break;
      }
      case 'image_written': {
        layers.replaceChildren();
        for (const layer of event.layers) {
          layers.prepend(layerItem(layer, layerLabels.get(layer.diff_id) ?? 'from the base image'));
        }
        imageId.textContent = `image ${event.image_id.slice(0, 19)}…`;
        imageId.title = event.image_id;
        hint.hidden = event.layers.length > 0;
        break;
      }
      default:
        break;
    }
  }
}
