// Tiny DOM helpers. User text only ever goes in through textContent.
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Docker's HumanSizeWithPrecision(size, 3): decimal units. */
export function formatSize(bytes) {
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

export function shortDigest(digest) {
  return (digest || '').replace('sha256:', '').slice(0, 12);
}

/** Makes `node` act as a button: click, Enter or Space call `action`. */
export function clickable(node, action, key) {
  node.tabIndex = 0;
  if (key) node.dataset.key = key;
  node.setAttribute('role', 'button');
  node.addEventListener('click', action);
  node.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); action(); } });
}

/**
 * Redraws `root` with `draw()` without taking keyboard focus away: when a
 * keyed element inside `root` had focus, its redrawn twin gets it back.
 */
export function keepingFocus(root, draw) {
  const active = document.activeElement;
  const key = active && root.contains(active) ? active.dataset?.key : undefined;
  draw();
  if (!key) return;
  const twin = [...root.querySelectorAll('[data-key]')].find((n) => n.dataset.key === key);
  twin?.focus({ preventScroll: true });
}
