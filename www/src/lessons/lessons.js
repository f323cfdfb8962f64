// The lesson track in the page: a picker with progress, the goal list ticked
// live (goals are evaluated by the engine), hints, solution, reset, par.
import { el } from '../dom.js';
import { t, currentLang } from '../i18n.js';

const bundled = import.meta.glob('../../../lessons/*.json', { eager: true, import: 'default' });
const PROGRESS_KEY = 'dockersim.progress.v1';

function progress() {
  try {
    return JSON.parse(localStorage.getItem(PROGRESS_KEY)) || {};
  } catch {
    return {};
  }
}

function text(value) {
  return value?.[currentLang()] || value?.en || '';
}

export class Lessons {
  /**
   * `host` gives the lesson panel access to the page: `start(files, commands)`
   * resets the machine, `evaluate(json)` checks goals, `run(line)` types a line.
   */
  constructor(root, host) {
    this.root = root;
    this.host = host;
    this.all = Object.keys(bundled).sort().map((k) => bundled[k]);
    this.active = null;
    this.commands = 0;
    this.completed = false;
    this.render();
  }

  async loadFromUrl(url) {
    const response = await fetch(url);
    const lesson = await this.host.parse(await response.text());
    this.all.push(lesson);
    await this.open(lesson);
  }

  async loadFromFile(file) {
    const lesson = await this.host.parse(await file.text());
    this.all.push(lesson);
    await this.open(lesson);
  }

  async open(lesson) {
    this.active = lesson;
    this.commands = 0;
    this.completed = false;
    this.showSolution = false;
    this.hintsShown = 0;
    await this.host.start(lesson.setup.files, lesson.setup.commands);
    this.render();
    await this.refresh();
  }

  close() {
    this.active = null;
    this.render();
  }

  /** Called after every command the learner runs. */
  async onCommand() {
    if (!this.active) return;
    this.commands += 1;
    await this.refresh();
  }

  async refresh() {
    if (!this.active) return;
    const lesson = this.active;
    const results = await this.host.evaluate(JSON.stringify(lesson));
    if (lesson !== this.active) return;
    const list = this.root.querySelector('.goals');
    if (!list) return;
    list.replaceChildren();
    results.forEach((r) => {
      const li = el('li', r.met ? 'goal met' : 'goal');
      li.append(el('span', 'tick', r.met ? '✓' : '○'), el('span', '', text(r.text)));
      list.append(li);
    });
    const done = results.every((r) => r.met);
    if (done && !this.completed) {
      const withinPar = this.commands <= this.active.par;
      this.completed = { commands: this.commands, withinPar };
      const all = progress();
      all[this.active.id] = { done: true, withinPar: withinPar || all[this.active.id]?.withinPar === true };
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(all));
      this.renderPicker();
    }
    // Shown again after a re-render (language switch, hint, solution).
    const msg = this.root.querySelector('.lesson-done');
    if (this.completed && msg) {
      const { commands, withinPar } = this.completed;
      msg.textContent = `${t('lessonDone')} ${commands} / ${t('par')} ${this.active.par}${withinPar ? ` — ${t('withinPar')}` : ''}`;
      msg.hidden = false;
    }
  }

  renderPicker() {
    const select = this.root.querySelector('#lesson-pick');
    if (!select) return;
    const done = progress();
    select.replaceChildren(el('option', '', t('chooseLesson')));
    select.firstChild.value = '';
    this.all.forEach((lesson, i) => {
      const mark = done[lesson.id]?.done ? (done[lesson.id].withinPar ? '★ ' : '✓ ') : '';
      const opt = el('option', '', `${mark}${text(lesson.title)}`);
      opt.value = String(i);
      if (lesson === this.active) opt.selected = true;
      select.append(opt);
    });
    const count = this.all.filter((l) => done[l.id]?.done).length;
    this.root.querySelector('.lesson-progress').textContent = `${count}/${this.all.length}`;
  }

  render() {
    this.root.replaceChildren();
    const bar = el('div', 'lesson-bar');
    const label = el('label', 'lesson-label', t('lessons'));
    label.htmlFor = 'lesson-pick';
    const select = el('select', 'small');
    select.id = 'lesson-pick';
    select.addEventListener('change', () => {
      const lesson = this.all[Number(select.value)];
      if (lesson) this.open(lesson); else this.close();
    });
    const open = el('label', 'small file-label');
    open.append(el('span', '', t('openLesson')));
    const input = el('input');
    input.type = 'file';
    input.accept = 'application/json';
    input.hidden = true;
    input.addEventListener('change', () => input.files?.[0] && this.loadFromFile(input.files[0]).catch((e) => this.host.notice(String(e))));
    open.append(input);
    bar.append(label, select, el('span', 'lesson-progress muted'), open);
    if (this.active) {
      const reset = el('button', 'small', t('reset'));
      reset.type = 'button';
      reset.addEventListener('click', () => this.open(this.active));
      const hint = el('button', 'small', t('hint'));
      hint.type = 'button';
      hint.addEventListener('click', () => { this.hintsShown += 1; this.render(); this.refresh(); });
      const solution = el('button', 'small', t('showSolution'));
      solution.type = 'button';
      solution.addEventListener('click', () => { this.showSolution = !this.showSolution; this.render(); this.refresh(); });
      bar.append(hint, solution, reset);
    }
    this.root.append(bar);
    if (this.active) {
      const body = el('div', 'lesson-body');
      body.append(el('h3', 'lesson-title', text(this.active.title)), el('p', 'lesson-story', text(this.active.story)));
      const goals = el('ul', 'goals');
      goals.setAttribute('aria-label', t('goals'));
      body.append(el('p', 'lesson-sub', `${t('goals')} · ${t('par')} ${this.active.par}`), goals);
      for (const h of (this.active.hints ?? []).slice(0, this.hintsShown)) body.append(el('p', 'lesson-hint', `💡 ${text(h)}`));
      if (this.showSolution) {
        const files = Object.keys(this.active.solution.files ?? {});
        const lines = [...files.map((f) => `# edit ${f}`), ...this.active.solution.commands];
        body.append(el('pre', 'lesson-solution', lines.join('\n')));
      }
      const done = el('p', 'lesson-done');
      done.hidden = true;
      body.append(done);
      this.root.append(body);
    }
    this.renderPicker();
  }
}
