// Reads a <docker-sim> element's configuration from its attributes and
// inline children, before the widget replaces its light DOM.
//   <docker-sim panels="editor,steps,layers,terminal" readonly tag="app">
//     <script type="text/x-dockerfile">FROM alpine …</script>
//     <script type="text/plain" data-file="server.js">…</script>
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
  const commands = [];
  for (const child of host.querySelectorAll(':scope > script')) {
    const type = child.getAttribute('type');
    if (type === 'text/x-dockerfile') files[child.dataset.file || 'Dockerfile'] = dedent(child.textContent);
    else if (type === 'text/plain' && child.dataset.file) files[child.dataset.file] = dedent(child.textContent);
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
    readonly: host.hasAttribute('readonly'),
    tag: host.getAttribute('tag') || 'app',
    title: host.getAttribute('title') || '',
  };
}
