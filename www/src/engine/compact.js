// Shrinks a terminal line's result before it crosses to the page: a build
// that prints 90 000 lines would otherwise arrive as 90 000 chunk arrays and
// 90 000 step_log objects, and deserialising them alone blocks the page's
// main thread for over 100 ms. Consecutive chunks of one stream become one;
// consecutive step_log events of one step become one event whose `line`
// holds its lines joined by '\n'. Nothing else changes.
function joinChunks(chunks) {
  const out = [];
  for (const [stream, text] of chunks) {
    const last = out[out.length - 1];
    if (last && last[0] === stream) last[1] += text;
    else out.push([stream, text]);
  }
  return out;
}

function joinLogs(events) {
  const out = [];
  let open = null;
  for (const event of events) {
    if (event.type === 'step_log' && open && open.vertex === event.vertex) {
      open.lines.push(event.line);
      continue;
    }
    if (open) out.push({ ...open.event, line: open.lines.join('\n') });
    open = event.type === 'step_log' ? { event, vertex: event.vertex, lines: [event.line] } : null;
    if (!open) out.push(event);
  }
  if (open) out.push({ ...open.event, line: open.lines.join('\n') });
  return out;
}

export function compactResult(method, value) {
  if ((method !== 'run' && method !== 'interrupt' && method !== 'end_of_input') || !value || typeof value !== 'object') return value;
  if (Array.isArray(value.chunks)) value.chunks = joinChunks(value.chunks);
  if (Array.isArray(value.build?.events)) value.build.events = joinLogs(value.build.events);
  return value;
}
