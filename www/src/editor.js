// The file editor: CodeMirror 6 with Dockerfile highlighting (the legacy
// dockerfile mode), the core's diagnostics underlined with their message
// on hover, and keyboard use kept accessible (Tab indents; Esc then Tab
// leaves the editor, CodeMirror's standard escape hatch).
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { EditorState, Compartment } from '@codemirror/state';
import { StreamLanguage, syntaxHighlighting, HighlightStyle, indentUnit } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { setDiagnostics } from '@codemirror/lint';

const dockerfileLanguage = StreamLanguage.define(dockerFile);

const theme = EditorView.theme({
  '&': { color: 'var(--ds-code-ink)', backgroundColor: 'var(--ds-code-bg)', borderRadius: '8px', fontSize: '0.88rem', height: '100%' },
  '.cm-content': { fontFamily: 'var(--ds-mono)', caretColor: '#ffffff', padding: '0.6rem 0' },
  '.cm-scroller': { fontFamily: 'var(--ds-mono)', lineHeight: '1.55' },
  '.cm-gutters': { backgroundColor: 'transparent', color: '#8b98a9', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'rgba(255,255,255,0.05)' },
  '&.cm-focused': { outline: '3px solid #ffb020', outlineOffset: '2px' },
  '&.cm-focused .cm-cursor': { borderLeftColor: '#ffffff' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: '#2f4a6d !important' },
  '.cm-tooltip': { fontFamily: 'var(--ds-sans)', fontSize: '0.8rem', color: '#1b2330', backgroundColor: '#ffffff', border: '1px solid #c9d2de', borderRadius: '6px', boxShadow: '0 4px 14px rgba(0,0,0,0.25)' },
}, { dark: true });

// The legacy mode's tokens on a dark background, at AA contrast.
const highlight = syntaxHighlighting(HighlightStyle.define([
  { tag: tags.keyword, color: '#7cc4ff', fontWeight: '600' },
  { tag: tags.string, color: '#a5e7a0' },
  { tag: tags.comment, color: '#9aa7b8', fontStyle: 'italic' },
  { tag: tags.variableName, color: '#ffc777' },
]));

/** UTF-8 byte offset in `text` → UTF-16 offset (the core reports byte spans). */
export function byteToChar(text, byte) {
  const bytes = new TextEncoder().encode(text);
  return new TextDecoder().decode(bytes.slice(0, Math.max(0, Math.min(byte, bytes.length)))).length;
}

export class Editor {
  constructor(parent, { id, label, onChange }) {
    this.language = new Compartment();
    this.editable = new Compartment();
    this.silent = false;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: '',
        extensions: [
          lineNumbers(), history(), drawSelection(), highlightActiveLine(), indentUnit.of('    '),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          this.language.of([]), this.editable.of([]), theme, highlight,
          EditorView.contentAttributes.of({ id, 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => { if (u.docChanged && !this.silent) onChange(this.value); }),
        ],
      }),
    });
    this.view.dom.dsEditor = this;
  }

  /** Read-only (another tab owns the workspace). */
  setReadOnly(on) {
    this.view.dispatch({ effects: this.editable.reconfigure(on ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []) });
  }

  get value() {
    return this.view.state.doc.toString();
  }

  /** Shows `text` of file `name` (Dockerfile highlighting for Dockerfiles). */
  show(name, text) {
    this.silent = true;
    const dockerfile = /(^|\/)Dockerfile|\.dockerfile$/i.test(name);
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      effects: this.language.reconfigure(dockerfile ? dockerfileLanguage : []),
    });
    this.silent = false;
  }

  /** Replaces the text without moving the cursor far (terminal edits flowing back). */
  update(name, text) {
    if (text !== this.value) this.show(name, text);
  }

  focusAt(offset) {
    this.view.focus();
    this.view.dispatch({ selection: { anchor: Math.min(offset, this.view.state.doc.length) }, scrollIntoView: true });
  }

  hasFocus() {
    return this.view.hasFocus;
  }

  /** Core diagnostics (byte spans) as underlines with hover messages. */
  setDiagnostics(list) {
    const text = this.value;
    const len = this.view.state.doc.length;
    const diagnostics = list.map((d) => {
      const from = Math.min(byteToChar(text, d.span?.[0] ?? 0), len);
      let to = Math.min(byteToChar(text, d.span?.[1] ?? 0), len);
      if (to <= from) to = Math.min(from + 1, len);
      return { from, to, severity: d.severity === 'error' ? 'error' : 'warning', message: d.rule ? `${d.rule}: ${d.message}` : d.message };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }
}
