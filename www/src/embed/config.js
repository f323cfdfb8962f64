// Reads a <docker-sim> element's configuration from its attributes and
// inline children, before the widget replaces its light DOM.
//   <docker-sim panels="editor,steps,layers,terminal" readonly="Dockerfile" tag="app">
//     <script type="text/x-dockerfile">FROM alpine …</script>
//     <script type="text/plain" data-file="server.js">…</script>
//     <script type="text/plain" data-file="notes.txt" data-readonly>…</script>
//     <script type="text/x-commands">docker images</script>
//   </docker-sim>
export const ALL_PANELS = ['editor', 'steps', 'layers', 'terminal'];

/** Inline children are indented like the page around them: strip the common indent. */
export function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return `${lines.map((l) => l.slice(cut)).join('\n')}\n`;
}

export function readConfig(host) {
  const files = {};
  const locked = new Set();
  const commands = [];
  for (const child of host.querySelectorAll(':scope > script')) {
    const type = child.getAttribute('type');
    const name = type === 'text/x-dockerfile' ? child.dataset.file || 'Dockerfile' : type === 'text/plain' ? child.dataset.file : null;
    if (name) {
      files[name] = dedent(child.textContent);
      if (child.hasAttribute('data-readonly')) locked.add(name);
    }
    else if (type === 'text/x-commands') commands.push(...dedent(child.textContent).split('\n').filter((l) => l.trim()));
  }
  const attrCommands = host.getAttribute('commands');
  if (attrCommands) commands.push(...attrCommands.split(';').map((c) => c.trim()).filter(Boolean));
  const panels = (host.getAttribute('panels') || ALL_PANELS.join(','))
    .split(',').map((p) => p.trim()).filter((p) => ALL_PANELS.includes(p));
  return {
    files,
    commands,
    panels: panels.length ? panels : ALL_PANELS,
    // `readonly` alone locks every file; `readonly="Dockerfile,package.json"` those files.
    readonly: (name) => {
      if (locked.has(name)) return true;
      if (!host.hasAttribute('readonly')) return false;
      const list = host.getAttribute('readonly').split(',').map((f) => f.trim()).filter(Boolean);
      return list.length === 0 || list.includes(name);
    },
    tag: host.getAttribute('tag') || 'app',
    title: host.getAttribute('title') || '',
  };
}
