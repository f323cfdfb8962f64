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

/** Line diff of `a` → `b` (LCS; lesson files are small), as unified-style lines. */
export function diffLines(a, b) {
  const x = a.replace(/\n$/, '').split('\n');
  const y = b.replace(/\n$/, '').split('\n');
  if (x.length * y.length > 250000) return [...x.map((l) => `-${l}`), ...y.map((l) => `+${l}`)];
  const lcs = Array.from({ length: x.length + 1 }, () => new Array(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i -= 1) {
    for (let j = y.length - 1; j >= 0; j -= 1) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) { out.push(` ${x[i]}`); i += 1; j += 1; }
    else if (j < y.length && (i >= x.length || lcs[i][j + 1] >= lcs[i + 1][j])) { out.push(`+${y[j]}`); j += 1; }
    else { out.push(`-${x[i]}`); i += 1; }
  }
  return out;
}

/** The solution as the learner would do it: each file's changes as a diff, then the commands. */
export function solutionText(lesson) {
  const before = lesson.setup?.files ?? {};
  const parts = [];
  for (const [name, text] of Object.entries(lesson.solution?.files ?? {})) {
    if (before[name] === text) continue;
    parts.push(before[name] === undefined ? `+++ ${name} (new file)` : `--- ${name}\n+++ ${name}`);
    parts.push(...diffLines(before[name] ?? '', text));
    parts.push('');
  }
  parts.push(...(lesson.solution?.commands ?? []).map((c) => `$ ${c}`));
  return parts.join('\n');
}

export class Lessons {
  /**
   * `host` gives the lesson panel access to the page: `start(lesson, { reset })`
   * shows the lesson's workspace, `freePlay()` the free-play one (both answer
   * false when the learner cancelled), `hasWork()` says whether resetting
   * would discard work, `evaluate(json)` checks goals, `saved()` asks for an
   * autosave.
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

  /** The known lesson with `lesson`'s id (or id string), if any. */
  find(lesson) {
    const id = typeof lesson === 'string' ? lesson : lesson?.id;
    return this.all.find((l) => l.id === id) ?? null;
  }

  /** Adds `lesson`, replacing an earlier copy with the same id. */
  add(lesson) {
    const i = this.all.findIndex((l) => l.id === lesson.id);
    if (i >= 0) this.all[i] = lesson;
    else this.all.push(lesson);
    return lesson;
  }

  /** `?lesson=`: a bundled lesson's id, or the URL of a lesson file. */
  async resolve(param) {
    const bundledLesson = this.find(param) ?? this.find(param.replace(/^.*\//, '').replace(/\.json$/, ''));
    if (bundledLesson && !/^[a-z]+:|\//i.test(param)) return bundledLesson;
    const response = await fetch(param);
    if (!response.ok) throw new Error(`${param}: ${response.status} ${response.statusText}`);
    return this.add(await this.host.parse(await response.text()));
  }

  async loadFromUrl(url) {
    await this.open(await this.resolve(url));
  }

  async loadFromFile(file) {
    const lesson = this.add(await this.host.parse(await file.text()));
    await this.open(lesson);
  }

  /** Opens `lesson` in its own workspace (kept from last time unless `reset`). */
  async open(lesson, { reset = false } = {}) {
    if (reset && this.host.hasWork() && !window.confirm(t('confirmReset'))) return;
    if (!(await this.host.start(lesson, { reset }))) this.renderPicker();
  }

  /** Shows `lesson` as the active one (the page calls this when it shows a workspace). */
  async activate(lesson, saved) {
    this.active = lesson || null;
    this.commands = saved?.commands ?? 0;
    this.completed = saved?.completed ?? false;
    this.showSolution = false;
    this.hintsShown = 0;
    this.render();
    await this.refresh();
  }

  /** What the workspace keeps of the lesson's progress. */
  progressOf() {
    return this.active ? { commands: this.commands, completed: this.completed } : null;
  }

  async close() {
    if (!(await this.host.freePlay())) this.renderPicker();
  }

  next() {
    const i = this.all.indexOf(this.active);
    return i >= 0 ? this.all[i + 1] ?? null : null;
  }

  /** Called after every command the learner runs. */
  async onCommand() {
    if (!this.active) return;
    this.commands += 1;
    this.host.saved?.();
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
      this.host.saved?.();
      this.renderPicker();
      this.showCompletion();
    }
    // Shown again after a re-render (language switch, hint, solution).
    const msg = this.root.querySelector('.lesson-done');
    if (this.completed && msg) {
      const { commands, withinPar } = this.completed;
      msg.textContent = `${t('lessonDone')} ${commands} / ${t('par')} ${this.active.par}${withinPar ? ` — ${t('withinPar')}` : ''}`;
      msg.hidden = false;
    }
  }

  /** The completion dialog: the result and the way on to the next lesson. */
  showCompletion() {
    const { commands, withinPar } = this.completed;
    const dialog = el('dialog', 'lesson-complete');
    dialog.setAttribute('aria-labelledby', 'lesson-complete-title');
    const title = el('h2', '', t('lessonCompleteTitle'));
    title.id = 'lesson-complete-title';
    dialog.append(title, el('p', '', `${text(this.active.title)} — ${t('lessonDone')} ${commands} / ${t('par')} ${this.active.par}${withinPar ? ` — ${t('withinPar')}` : ''}`));
    const actions = el('div', 'dialog-actions');
    const next = this.next();
    if (next) {
      const go = el('button', 'primary', `${t('nextLesson')}: ${text(next.title)}`);
      go.type = 'button';
      go.id = 'next-lesson';
      go.addEventListener('click', () => { dialog.close(); dialog.remove(); this.open(next); });
      actions.append(go);
    }
    const stay = el('button', 'small', t('stayHere'));
    stay.type = 'button';
    stay.addEventListener('click', () => { dialog.close(); dialog.remove(); });
    actions.append(stay);
    dialog.append(actions);
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
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
      // '' is free play (Number('') would be lesson 1).
      const lesson = select.value === '' ? null : this.all[Number(select.value)];
      if (lesson) this.open(lesson); else this.close();
    });
    const open = el('button', 'small', t('openLesson'));
    open.type = 'button';
    open.id = 'open-lesson';
    const input = el('input');
    input.type = 'file';
    input.accept = 'application/json';
    input.hidden = true;
    input.addEventListener('change', () => input.files?.[0] && this.loadFromFile(input.files[0]).catch((e) => this.host.notice(String(e))));
    open.addEventListener('click', () => input.click());
    bar.append(label, select, el('span', 'lesson-progress muted'), open, input);
    if (this.active) {
      const reset = el('button', 'small', t('reset'));
      reset.type = 'button';
      reset.addEventListener('click', () => this.open(this.active, { reset: true }));
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
      if (this.showSolution) body.append(el('pre', 'lesson-solution', solutionText(this.active)));
      const done = el('p', 'lesson-done');
      done.hidden = true;
      body.append(done);
      this.root.append(body);
    }
    this.renderPicker();
  }
}
