// <docker-sim>: the workspace as one embeddable element. A docs page adds
// one script tag; every element gets its own engine, so several on a page
// stay independent. Configuration: see embed/config.js.
import { createEngine, warmUp } from './engine/client.js';
import pageCss from './style.css?inline';
import embedCss from './embed/embed.css?inline';
import { readConfig } from './embed/config.js';
import { Player } from './player.js';
import { renderImages } from './layers.js';
import { Terminal } from './terminal.js';
import { el } from './dom.js';
import { t } from './i18n.js';

const APP_DIR = '/home/learner/app';
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function panel(kind, title) {
  const section = el('section', `panel ${kind}-panel`);
  section.setAttribute('aria-label', title);
  const head = el('div', 'panel-head');
  head.append(el('h2', '', title));
  section.append(head);
  return section;
}

class DockerSimElement extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    this.config = readConfig(this);
    const root = this.attachShadow({ mode: 'open' });
    const style = el('style');
    style.textContent = `${pageCss}\n${embedCss}`;
    this.ui = {};
    root.append(style, this.skeleton());
    warmUp();
    await this.start();
  }

  skeleton() {
    const { config, ui } = this;
    const frame = el('div', 'frame');
    const bar = el('div', 'bar');
    ui.status = el('p', 'status', t('loading'));
    ui.status.setAttribute('role', 'status');
    ui.build = el('button', 'primary', t('build'));
    ui.build.type = 'button';
    ui.build.disabled = true;
    ui.build.addEventListener('click', () => this.build());
    bar.append(el('span', 'title', config.title || `docker build -t ${config.tag} .`), ui.status, ui.build);
    const grid = el('div', 'grid');
    for (const kind of config.panels) grid.append(this[`${kind}Panel`]());
    frame.append(bar, grid);
    return frame;
  }

  editorPanel() {
    const { ui, config } = this;
    const section = panel('editor', t('context'));
    ui.tabs = el('div', 'tabs');
    ui.tabs.setAttribute('role', 'tablist');
    ui.editor = el('textarea', 'editor');
    ui.editor.spellcheck = false;
    ui.editor.setAttribute('aria-label', t('fileContent'));
    ui.editor.addEventListener('input', () => {
      if (this.config.readonly(this.current)) return;
      this.files[this.current] = ui.editor.value;
      clearTimeout(this.editTimer);
      this.editTimer = setTimeout(() => this.sim.write_file(`${APP_DIR}/${this.current}`, ui.editor.value).catch(() => {}), 200);
    });
    section.append(ui.tabs, ui.editor);
    return section;
  }

  stepsPanel() {
    const section = panel('steps', t('steps'));
    this.ui.steps = el('ol', 'steps');
    this.ui.error = el('div', 'error');
    this.ui.error.hidden = true;
    section.append(this.ui.steps, this.ui.error);
    return section;
  }

  layersPanel() {
    const section = panel('image', t('images'));
    this.ui.images = el('div', 'images');
    this.ui.hint = el('p', 'hint', t('layersHint'));
    section.append(this.ui.images, this.ui.hint);
    return section;
  }

  terminalPanel() {
    const { ui } = this;
    const section = panel('terminal', t('terminal'));
    const box = el('div', 'terminal');
    ui.out = el('pre', 'term-out');
    ui.out.setAttribute('role', 'log');
    const line = el('div', 'term-line');
    ui.prompt = el('label', 'prompt');
    ui.input = el('input', 'term-in');
    ui.input.setAttribute('aria-label', t('terminal'));
    ui.input.autocomplete = 'off';
    ui.input.spellcheck = false;
    line.append(ui.prompt, ui.input);
    box.append(ui.out, line);
    section.append(box);
    return section;
  }

  async start() {
    const { ui, config } = this;
    this.sim = await createEngine();
    this.files = { ...config.files };
    this.sim.run(`mkdir -p ${APP_DIR}`);
    for (const [name, text] of Object.entries(this.files)) this.sim.write_file(`${APP_DIR}/${name}`, text);
    this.sim.run(`cd ${APP_DIR}`);
    const steps = ui.steps ?? el('ol');
    this.player = new Player({ steps, error: ui.error ?? el('div'), reducedMotion });
    if (ui.out) {
      this.terminal = new Terminal({ out: ui.out, input: ui.input, prompt: ui.prompt }, (l) => this.runLine(l));
      this.terminal.setPrompt(await this.sim.prompt());
    }
    if (ui.editor) this.select(this.files.Dockerfile !== undefined ? 'Dockerfile' : Object.keys(this.files)[0]);
    for (const line of config.commands) await this.submit(line);
    await this.refresh();
    ui.build.disabled = false;
    ui.status.textContent = t('ready');
    this.dataset.ready = 'true';
  }

  select(name) {
    const { ui } = this;
    this.current = name;
    ui.editor.value = this.files[name] ?? '';
    ui.editor.readOnly = this.config.readonly(name);
    ui.tabs.replaceChildren();
    for (const file of Object.keys(this.files)) {
      const tab = el('button', 'tab', this.config.readonly(file) ? `${file} 🔒` : file);
      if (this.config.readonly(file)) tab.title = t('readOnlyFile');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(file === name));
      tab.addEventListener('click', () => this.select(file));
      ui.tabs.append(tab);
    }
  }

  submit(line) {
    if (this.terminal) return this.terminal.submit(line);
    this.queue = (this.queue ?? Promise.resolve()).then(() => this.runLine(line));
    return this.queue;
  }

  async runLine(line) {
    const { ui } = this;
    if (ui.editor && !this.config.readonly(this.current)) this.sim.write_file(`${APP_DIR}/${this.current}`, ui.editor.value);
    const result = await this.sim.run(line);
    if ((result.effects ?? []).some((e) => e.type === 'clear')) this.terminal?.clear();
    this.dispatchEvent(new CustomEvent('command-finished', { detail: { line, exitCode: result.exit_code } }));
    for (const [stream, text] of result.chunks) this.terminal?.print(text, stream === 'stderr' ? 'err' : undefined);
    this.terminal?.setPrompt(result.prompt);
    this.terminal?.setSecret(result.secret);
    // The line's last build (typed effects, never the command's text): its
    // report plays; a build that failed before building shows that failure.
    const last = (result.effects ?? []).filter((e) => e.type === 'build').pop();
    const report = last?.report ? result.build : null;
    if (last && !report) {
      this.player.pause();
      this.player.load(null);
      this.animating = false;
      this.failedEarly = true;
      ui.build.disabled = false;
      ui.status.textContent = t('failed');
      if (ui.error) {
        ui.error.textContent = last.error || t('failed');
        ui.error.hidden = false;
      }
      this.dispatchEvent(new CustomEvent('build-finished', { detail: { ok: false, image: null } }));
    }
    if (report) {
      ui.status.textContent = t('building');
      ui.build.disabled = true;
      this.player.load(report);
      this.animating = true;
      this.player.onFinish = () => {
        this.animating = false;
        ui.build.disabled = false;
        this.lastImage = report.ok ? report.image_id : null;
        this.dispatchEvent(new CustomEvent('build-finished', { detail: { ok: report.ok, image: report.image_id ?? null } }));
        ui.status.textContent = report.ok ? `${t('built')} ${report.image_id.slice(7, 19)}` : t('failed');
        if (!report.ok && ui.error) {
          ui.error.textContent = `ERROR: failed to build: failed to solve: ${report.error?.message ?? ''}`;
          ui.error.hidden = false;
        }
        this.refresh();
      };
      this.player.play();
    }
    await this.refresh();
  }

  async build() {
    const { ui } = this;
    ui.build.disabled = true;
    ui.status.textContent = t('building');
    this.failedEarly = false;
    const { cwd } = await this.sim.state();
    await this.submit(`docker build -t ${this.config.tag} ${cwd === APP_DIR ? '.' : APP_DIR}`);
    if (!this.animating) {
      ui.build.disabled = false;
      if (!this.failedEarly) ui.status.textContent = t('ready');
    }
  }

  async refresh() {
    if (this.ui.images) renderImages(this.ui.images, this.ui.hint, await this.sim.state(), this.lastImage);
  }
}

if (!customElements.get('docker-sim')) customElements.define('docker-sim', DockerSimElement);
