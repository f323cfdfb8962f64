// Plays a build report's event log back step by step, with play, pause,
// step, replay and speed. The log is complete before playback starts: the
// page never steers the engine mid-build.
import { el, formatSize, shortDigest } from './dom.js';
import { t } from './i18n.js';
import { reasonText } from './reasons.js';

const BASE_DELAY_MS = 380;
// A step's log shows its last LOG_LINES lines (older ones are counted), drawn
// once per played event however many log lines came with it: `RUN seq 1
// 90000` never blocks the page.
const LOG_LINES = 200;

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
    this.dirty = new Set();
    // Layers produced by this build, and those whose step has been shown.
    this.produced = new Set((this.report?.events ?? []).map((e) => e.layer?.diff_id).filter(Boolean));
    this.seen = new Set();
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
      if (shown) {
        this.drawLogs();
        this.onShow?.();
        return true;
      }
    }
    this.drawLogs();
    this.finish();
    return false;
  }

  drawLogs() {
    for (const li of this.dirty ?? []) {
      let log = li.querySelector('.log');
      if (!log) {
        log = el('pre', 'log');
        li.querySelector('.step-head').after(log);
      }
      const lines = li.logLines;
      const hidden = lines.length - LOG_LINES;
      log.textContent = `${hidden > 0 ? `… ${hidden} earlier lines\n` : ''}${lines.slice(-LOG_LINES).join('\n')}\n`;
    }
    this.dirty = new Set();
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
        // One event may carry many lines (joined by the worker, see engine/compact.js).
        const lines = (li.logLines ??= []);
        for (const line of String(event.line).split('\n')) lines.push(line);
        (this.dirty ??= new Set()).add(li);
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
          this.seen.add(event.layer.diff_id);
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
