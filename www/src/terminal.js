// The terminal: one input line with the engine's prompt, output rendered as
// text. Keys: Enter runs, ↑/↓ history, Ctrl-C cancels the line (and tells
// the engine, which drops an open here-document or quote), Ctrl-L clears,
// Ctrl-D on an empty line ends a container session, Tab completes, Ctrl-R
// searches the history. A multi-line paste runs line by line, each physical
// line sent to the engine on its own (it keeps open constructs itself and
// answers the `> ` prompt).
//
// Output never blocks the page: printed text is queued and drawn once per
// animation frame, consecutive chunks of one kind merge into one text node,
// and only the last MAX_LINES lines stay in the DOM (older ones collapse
// into a "… N earlier lines" marker). The transcript (what a reload restores)
// keeps the last MAX_TRANSCRIPT characters.
//
// Why not xterm.js: @xterm/xterm 6.0 is 88 KB gzipped (+2.5 KB CSS), about
// twenty times this file and complete.js together, and it emulates a
// character-cell TTY the engine does not have: the engine is line-oriented
// (a line in, text and typed effects out, `> ` for open constructs), prints
// no escape codes, and a DOM line editor keeps the text selectable, zoomable
// and readable by screen readers.
const MAX_LINES = 2000;
const MAX_TRANSCRIPT = 200_000;

function countLines(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/** The longest common prefix of `words`. */
export function commonPrefix(words) {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export class Terminal {
  /**
   * `run(line)` runs a line; `hooks.interrupt()` is Ctrl-C's engine side;
   * `hooks.endOfInput()` is Ctrl-D's; `hooks.complete(text)` answers Tab with
   * `{ from, candidates }` (candidates replace `text.slice(from)`).
   */
  constructor({ out, input, prompt }, run, hooks = {}) {
    this.out = out;
    this.input = input;
    this.promptEl = prompt;
    this.run = run;
    this.hooks = hooks;
    this.history = [];
    this.cursor = 0;
    this.transcript = [];
    this.transcriptSize = 0;
    this.queued = [];
    this.frame = 0;
    this.lines = 0;
    this.dropped = 0;
    this.search = null;
    this.onTranscript = null;
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('input', () => { if (this.search) this.findMatch(false); });
    input.addEventListener('paste', (e) => this.onPaste(e));
    out.parentElement.addEventListener('click', () => {
      if (!window.getSelection()?.toString()) input.focus();
    });
  }

  setPrompt(text) {
    this.prompt = text;
    if (!this.search) this.promptEl.textContent = text;
  }

  /** The next line is a password: typed without being shown (as a terminal with echo off). */
  setSecret(on) {
    this.secret = Boolean(on);
    this.input.type = this.secret ? 'password' : 'text';
  }

  /** Queues `text` for the next frame; never touches the DOM synchronously. */
  print(text, className = '') {
    if (!text) return;
    const last = this.transcript[this.transcript.length - 1];
    if (last && last[1] === className) last[0] += text;
    else this.transcript.push([text, className]);
    this.transcriptSize += text.length;
    const tail = this.queued[this.queued.length - 1];
    if (tail && tail[1] === className) tail[0] += text;
    else this.queued.push([text, className]);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Keeps the transcript's last MAX_TRANSCRIPT characters (cutting at a line start). */
  capTranscript() {
    while (this.transcriptSize > MAX_TRANSCRIPT && this.transcript.length > 0) {
      const first = this.transcript[0];
      const excess = this.transcriptSize - MAX_TRANSCRIPT;
      if (first[0].length <= excess) {
        this.transcript.shift();
        this.transcriptSize -= first[0].length;
      } else {
        const cut = first[0].indexOf('\n', excess);
        const at = cut === -1 ? first[0].length : cut + 1;
        first[0] = first[0].slice(at);
        this.transcriptSize -= at;
        if (!first[0]) this.transcript.shift();
      }
    }
  }

  /** Draws what was queued (also called by tests and before a clear). */
  flush() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.queued.length === 0) return;
    const counts = this.queued.map(([text]) => countLines(text));
    let excess = counts.reduce((a, b) => a + b, 0) - MAX_LINES;
    if (excess > 0) {
      // More new lines than are ever shown: cut the text before it reaches the DOM.
      this.out.replaceChildren();
      this.dropped += this.lines;
      this.lines = 0;
      while (excess > 0 && this.queued.length) {
        const [text] = this.queued[0];
        if (counts[0] <= excess) {
          excess -= counts[0];
          this.dropped += counts[0];
          this.queued.shift();
          counts.shift();
        } else {
          let cut = 0;
          for (let i = 0; i < excess; i += 1) cut = text.indexOf('\n', cut) + 1;
          this.queued[0][0] = text.slice(cut);
          counts[0] -= excess;
          this.dropped += excess;
          excess = 0;
        }
      }
    }
    const fragment = document.createDocumentFragment();
    this.queued.forEach(([text, className], i) => {
      const span = document.createElement('span');
      if (className) span.className = className;
      span.textContent = text;
      fragment.append(span);
      this.lines += counts[i];
    });
    this.queued = [];
    this.out.append(fragment);
    this.trim();
    this.capTranscript();
    this.out.parentElement.scrollTop = this.out.parentElement.scrollHeight;
    this.onTranscript?.();
  }

  /** Keeps at most MAX_LINES lines in the DOM. */
  trim() {
    let excess = this.lines - MAX_LINES;
    if (excess <= 0 && this.dropped === 0) return;
    let node = this.out.firstChild;
    if (node?.classList?.contains('collapsed')) node = node.nextSibling;
    while (node && excess > 0) {
      const text = node.textContent;
      const n = countLines(text);
      const next = node.nextSibling;
      if (n <= excess) {
        node.remove();
        excess -= n;
        this.dropped += n;
        this.lines -= n;
      } else {
        let cut = 0;
        for (let i = 0; i < excess; i += 1) cut = text.indexOf('\n', cut) + 1;
        node.textContent = text.slice(cut);
        this.dropped += excess;
        this.lines -= excess;
        excess = 0;
      }
      node = next;
    }
    let marker = this.out.firstChild;
    if (!marker?.classList?.contains('collapsed')) {
      marker = document.createElement('span');
      marker.className = 'collapsed';
      this.out.prepend(marker);
    }
    marker.textContent = `… ${this.dropped} earlier lines not shown\n`;
  }

  clear() {
    this.queued = [];
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.out.replaceChildren();
    this.lines = 0;
    this.dropped = 0;
    this.transcript = [];
    this.transcriptSize = 0;
    this.onTranscript?.();
  }

  /** The transcript to save: [text, class] chunks, at most MAX_TRANSCRIPT characters. */
  saved() {
    this.capTranscript();
    return this.transcript;
  }

  /** Puts back a saved transcript ([text, class] chunks). */
  restore(chunks) {
    this.clear();
    for (const [text, className] of chunks ?? []) if (typeof text === 'string') this.print(text, className || '');
    this.flush();
  }

  /** Runs `line` as if typed; lines typed while one runs wait their turn. */
  submit(line) {
    // A password (the engine said the next line answers a password prompt)
    // is neither echoed nor kept in the history.
    if (line.trim() && !this.secret) {
      this.history.push(line);
      this.cursor = this.history.length;
    }
    this.queue = (this.queue ?? Promise.resolve()).then(async () => {
      this.print(`${this.prompt ?? this.promptEl.textContent}${this.secret ? '' : line}\n`, 'echo');
      await this.run(line);
    }).catch((err) => this.print(`${err?.message ?? err}\n`, 'err'));
    return this.queue;
  }

  onPaste(e) {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!text.includes('\n')) return;
    e.preventDefault();
    const { value, selectionStart, selectionEnd } = this.input;
    const joined = value.slice(0, selectionStart) + text.replace(/\r\n?/g, '\n') + value.slice(selectionEnd);
    const lines = joined.split('\n');
    this.input.value = lines.pop();
    for (const line of lines) this.submit(line);
  }

  async interrupt() {
    if (this.search) {
      this.endSearch(false);
      return;
    }
    const line = this.input.value;
    this.input.value = '';
    this.cursor = this.history.length;
    // Waits for the running line, as a real shell would show ^C after it.
    this.queue = (this.queue ?? Promise.resolve()).then(async () => {
      this.print(`${this.prompt ?? ''}${line}^C\n`, 'echo');
      await this.hooks.interrupt?.();
    }).catch(() => {});
    return this.queue;
  }

  async complete() {
    const { value, selectionStart } = this.input;
    const before = value.slice(0, selectionStart);
    const answer = await this.hooks.complete?.(before);
    if (!answer || this.input.value !== value) return;
    const { from, candidates } = answer;
    if (candidates.length === 0) return;
    const word = before.slice(from);
    const prefix = candidates.length === 1 ? candidates[0] + (candidates[0].endsWith('/') ? '' : ' ') : commonPrefix(candidates);
    if (prefix.length > word.length) {
      this.input.value = before.slice(0, from) + prefix + value.slice(selectionStart);
      const at = from + prefix.length;
      this.input.setSelectionRange(at, at);
    } else {
      // Nothing more in common: list the choices, as bash does on a second Tab.
      this.print(`${this.prompt ?? ''}${value}\n${candidates.join('  ')}\n`, 'echo');
    }
  }

  // ---- Ctrl-R ----
  startSearch() {
    if (this.search) {
      this.findMatch(true);
      return;
    }
    this.search = { saved: this.input.value, index: this.history.length, match: '', query: '' };
    this.input.value = '';
    this.findMatch(false);
  }

  findMatch(older) {
    const s = this.search;
    s.query = this.input.value;
    let i = older ? s.index - 1 : this.history.length - 1;
    while (i >= 0 && !(s.query && this.history[i].includes(s.query))) i -= 1;
    if (i >= 0) {
      s.index = i;
      s.match = this.history[i];
    } else if (!older) {
      s.index = this.history.length;
      s.match = '';
    }
    this.promptEl.textContent = `(reverse-i-search)'${s.query}': ${s.match}  `;
  }

  endSearch(accept) {
    const { match, saved } = this.search;
    this.search = null;
    this.promptEl.textContent = this.prompt ?? '';
    this.input.value = accept ? match : saved;
  }

  onKey(e) {
    const ctrl = e.ctrlKey && !e.altKey && !e.metaKey;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (this.search) this.endSearch(true);
      const line = this.input.value;
      this.input.value = '';
      this.submit(line);
    } else if (ctrl && e.key === 'c') {
      if (this.input.selectionStart !== this.input.selectionEnd) return; // copy
      e.preventDefault();
      this.interrupt();
    } else if (ctrl && e.key === 'l') {
      e.preventDefault();
      this.clear();
    } else if (ctrl && e.key === 'd') {
      if (this.input.value) return;
      e.preventDefault();
      this.queue = (this.queue ?? Promise.resolve()).then(() => this.hooks.endOfInput?.()).catch(() => {});
    } else if (ctrl && e.key === 'r') {
      e.preventDefault();
      this.startSearch();
    } else if (ctrl && e.key === 'g' && this.search) {
      e.preventDefault();
      this.endSearch(false);
    } else if (e.key === 'Escape' && this.search) {
      e.preventDefault();
      this.endSearch(true);
    } else if (e.key === 'Tab' && !e.shiftKey && this.hooks.complete && this.input.value.trim()) {
      // An empty line lets Tab move focus on, so the keyboard never gets stuck here.
      e.preventDefault();
      this.completing = this.complete();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.search) this.endSearch(true);
      if (this.cursor > 0) this.cursor -= 1;
      this.input.value = this.history[this.cursor] ?? '';
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (this.search) this.endSearch(true);
      if (this.cursor < this.history.length) this.cursor += 1;
      this.input.value = this.history[this.cursor] ?? '';
    }
  }
}
