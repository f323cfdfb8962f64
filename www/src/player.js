// Plays a build report's event log back step by step, with play, pause,
// step, replay and speed. The log is complete before playback starts: the
// page never steers the engine mid-build.
import { el, formatSize, shortDigest } from './dom.js';
import { t } from './i18n.js';
import { reasonText } from './reasons.js';

const BASE_DELAY_MS = 380;

export class Player {
  constructor(view) {
    this.view = view;
    this.report = null;
    this.index = 0;
    this.playing = false;
    this.speed = 1;
    this.timer = null;
    this.onFinish = null;
  }

  load(report) {
    this.report = report;
    this.reset();
  }

  reset() {
    clearTimeout(this.timer);
    this.index = 0;
    this.items = new Map();
    this.view.steps.replaceChildren();
    this.view.error.hidden = true;
  }

  play() {
    this.playing = true;
    this.schedule();
  }

  pause() {
    this.playing = false;
    clearTimeout(this.timer);
  }

  replay() {
    this.reset();
    this.play();
  }

  /** Shows the next meaningful event; returns false at the end. */
  step() {
    const events = this.report?.events ?? [];
    while (this.index < events.length) {
      const shown = this.apply(events[this.index]);
      this.index += 1;
      if (shown) return true;
    }
    this.finish();
    return false;
  }

  finish() {
    this.playing = false;
    if (this.onFinish) this.onFinish(this.report);
  }

  schedule() {
    clearTimeout(this.timer);
    if (!this.playing) return;
    const instant = this.view.reducedMotion();
    const more = this.step();
    if (!more) return;
    const delay = instant ? 0 : BASE_DELAY_MS / this.speed;
    this.timer = setTimeout(() => this.schedule(), delay);
  }

  /** Renders one event; returns true if it is worth a pause. */
  apply(event) {
    const { steps } = this.view;
    switch (event.type) {
      case 'step_started': {
        if (!event.step && event.instruction !== 'EXPORT') return false;
        const li = el('li', 'step running');
        li.dataset.vertex = String(event.vertex);
        if (event.origin) li.dataset.line = String(event.origin.start_line);
        const head = el('div', 'step-head');
        head.append(el('span', 'step-num', `#${event.vertex}`), el('span', 'step-label mono', event.label));
        head.append(el('span', 'badge', '…'));
        li.append(head);
        steps.append(li);
        this.items.set(event.vertex, li);
        li.scrollIntoView({ block: 'nearest' });
        return true;
      }
      case 'step_log': {
        const li = this.items.get(event.vertex);
        if (!li) return false;
        let log = li.querySelector('.log');
        if (!log) {
          log = el('pre', 'log');
          li.append(log);
        }
        log.textContent += `${event.line}\n`;
        return false;
      }
      case 'step_cached':
      case 'step_done': {
        const li = this.items.get(event.vertex);
        if (!li) return false;
        const cached = event.type === 'step_cached';
        li.className = `step ${cached ? 'cached' : 'done'}`;
        const seconds = ((event.duration_ms ?? 0) / 1000).toFixed(1);
        li.querySelector('.badge').textContent = cached ? t('cached') : `${t('done')} ${seconds}s`;
        if (event.reason) li.append(el('p', 'reason', reasonText(event.why, event.reason)));
        if (event.layer) {
          li.append(el('p', 'digest mono', `${t('layer')} sha256:${shortDigest(event.layer.diff_id)} · ${formatSize(event.layer.size)}`));
        }
        return true;
      }
      case 'step_failed': {
        const li = this.items.get(event.vertex);
        if (li) {
          li.className = 'step failed';
          li.querySelector('.badge').textContent = t('error');
          li.append(el('p', 'reason', event.message));
        }
        return true;
      }
      case 'metadata_applied': {
        const li = el('li', 'step meta');
        const head = el('div', 'step-head');
        head.append(el('span', 'step-num', '·'), el('span', 'step-label mono', event.created_by), el('span', 'badge', '0 B'));
        li.append(head);
        steps.append(li);
        return true;
      }
      default:
        return false;
    }
  }
}
