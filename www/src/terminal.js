// The terminal: one input line with the engine's prompt, history on ↑/↓,
// output rendered as text.
export class Terminal {
  constructor({ out, input, prompt }, run) {
    this.out = out;
    this.input = input;
    this.promptEl = prompt;
    this.run = run;
    this.history = [];
    this.cursor = 0;
    input.addEventListener('keydown', (e) => this.onKey(e));
    out.parentElement.addEventListener('click', () => {
      if (!window.getSelection()?.toString()) input.focus();
    });
  }

  setPrompt(text) {
    this.promptEl.textContent = text;
  }

  print(text, className) {
    const span = document.createElement('span');
    if (className) span.className = className;
    span.textContent = text;
    this.out.append(span);
    this.out.parentElement.scrollTop = this.out.parentElement.scrollHeight;
  }

  /** Runs `line` as if typed; lines typed while one runs wait their turn. */
  submit(line) {
    if (line.trim()) {
      this.history.push(line);
      this.cursor = this.history.length;
    }
    this.queue = (this.queue ?? Promise.resolve()).then(async () => {
      this.print(`${this.promptEl.textContent}${line}\n`, 'echo');
      await this.run(line);
    }).catch((err) => this.print(`${err?.message ?? err}\n`, 'err'));
    return this.queue;
  }

  onKey(e) {
    if (e.key === 'Enter') {
      e.preventDefault();
      const line = this.input.value;
      this.input.value = '';
      this.submit(line);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.cursor > 0) this.cursor -= 1;
      this.input.value = this.history[this.cursor] ?? '';
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (this.cursor < this.history.length) this.cursor += 1;
      this.input.value = this.history[this.cursor] ?? '';
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      this.out.replaceChildren();
    }
  }
}
