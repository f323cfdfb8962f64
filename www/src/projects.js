// Compose projects drawn together: each project's network(s), its services'
// containers and the volumes they mount, from the containers' summaries
// (`project`, `service`, `networks`, `volumes`). A container still shows its
// read/write layer on its image in the images view; here it is a member of
// its project.
import { el, clickable } from './dom.js';
import { t } from './i18n.js';

const shortVolume = (name) => (/^[0-9a-f]{64}$/.test(name) ? `${name.slice(0, 12)}…` : name);

/** Draws one card per Compose project into `root` (hidden when there is none). */
export function renderProjects(root, containers, onContainer) {
  root.replaceChildren();
  const projects = new Map();
  for (const c of containers) {
    if (!c.project) continue;
    if (!projects.has(c.project)) projects.set(c.project, []);
    projects.get(c.project).push(c);
  }
  root.hidden = projects.size === 0;
  for (const [name, members] of [...projects].sort(([a], [b]) => a.localeCompare(b))) {
    const card = el('article', 'project-card');
    card.setAttribute('aria-label', `${t('composeProject')} ${name}`);
    const head = el('header', 'project-title');
    head.append(el('span', 'project-kind', t('composeProject')), el('span', 'project-name mono', name));
    card.append(head);
    const networks = [...new Set(members.flatMap((c) => c.networks))].sort();
    const net = el('div', 'project-network');
    net.append(el('span', 'project-label', t('networks')));
    for (const n of networks) net.append(el('span', 'chip network-chip mono', n));
    if (networks.length === 0) net.append(el('span', 'muted mono', 'none'));
    card.append(net);
    const services = el('ul', 'project-services');
    for (const c of [...members].sort((a, b) => (a.service ?? a.name).localeCompare(b.service ?? b.name))) {
      const li = el('li', `project-service ${c.state}`);
      li.append(
        el('span', 'service-name mono', c.service ?? c.name),
        el('span', 'service-container mono', c.name),
        el('span', 'service-status', c.status),
      );
      if (onContainer) clickable(li, () => onContainer(c), `service:${c.id}`);
      services.append(li);
    }
    card.append(services);
    const mounts = members.flatMap((c) => c.volumes.map(([volume, dest]) => ({ volume, dest, service: c.service ?? c.name })));
    if (mounts.length) {
      const vols = el('ul', 'project-volumes');
      vols.setAttribute('aria-label', t('volumes'));
      for (const m of mounts) {
        const li = el('li', 'project-volume');
        li.append(el('span', 'chip volume-chip mono', shortVolume(m.volume)), el('span', 'mono', `→ ${m.service}:${m.dest}`));
        vols.append(li);
      }
      card.append(vols);
    }
    root.append(card);
  }
}
