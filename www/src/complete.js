// Tab completion for the terminal, from what the page knows: shell commands,
// docker subcommands and their flags, image and container names from the
// engine's state, and paths under the shell's working directory (the
// engine's `state().files`, relative to its cwd).
const COMMANDS = [
  'docker', 'cd', 'ls', 'cat', 'echo', 'printf', 'pwd', 'mkdir', 'rm', 'rmdir', 'cp', 'mv', 'touch', 'ln',
  'grep', 'sed', 'awk', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'seq', 'find', 'du', 'df',
  'curl', 'wget', 'tar', 'gzip', 'gunzip', 'zcat', 'sha256sum', 'env', 'export', 'unset', 'history', 'clear',
  'true', 'false', 'test', 'sleep', 'date', 'whoami', 'id', 'uname', 'which', 'type', 'xargs', 'tee', 'diff',
  'chmod', 'stat', 'basename', 'dirname', 'realpath', 'readlink', 'read', 'exit', 'source',
];

const DOCKER = {
  build: ['-t', '--tag', '-f', '--file', '--no-cache', '--build-arg', '--target', '-q', '--quiet', '--progress', '--pull', '--platform'],
  run: ['-d', '--detach', '-it', '-i', '-t', '--rm', '--name', '-p', '--publish', '-e', '--env', '-v', '--volume', '-w', '--workdir', '--entrypoint', '--network', '-u', '--user', '--mount', '--env-file', '--restart'],
  ps: ['-a', '--all', '-q', '--quiet', '--format', '-f', '--filter', '--no-trunc', '-s', '--size'],
  images: ['-a', '--all', '-q', '--quiet', '--format', '-f', '--filter', '--digests', '--no-trunc'],
  exec: ['-it', '-i', '-t', '-d', '-e', '--env', '-w', '--workdir', '-u', '--user'],
  logs: ['-f', '--follow', '--tail', '-t', '--timestamps'],
  stop: ['-t', '--time'], start: ['-a', '--attach', '-i'], restart: ['-t'], kill: ['-s', '--signal'],
  rm: ['-f', '--force', '-v', '--volumes'], rmi: ['-f', '--force'],
  pull: ['-q', '--quiet', '--platform'], push: [], tag: [], history: ['--no-trunc', '-q', '--format', '-H'],
  inspect: ['-f', '--format', '--type', '-s'], commit: ['-m', '--message', '-c', '--change', '-a'],
  cp: [], diff: [], top: [], port: [], save: ['-o', '--output'], load: ['-i', '--input', '-q'],
  create: ['--name', '-p', '-e', '-v', '-it'], attach: [], rename: [], pause: [], unpause: [], wait: [],
  login: [], logout: [], search: [], version: [], info: [], system: [], image: [], container: [], volume: [],
  network: [], builder: [], buildx: [], compose: [], stats: ['--no-stream'], events: [], export: ['-o'], import: [],
};
const SUBCOMMANDS = Object.keys(DOCKER).sort();
const SUBGROUPS = {
  system: ['df', 'prune', 'info'], image: ['ls', 'rm', 'prune', 'inspect', 'history', 'build', 'pull', 'tag', 'save', 'load'],
  container: ['ls', 'rm', 'prune', 'inspect', 'run', 'stop', 'start', 'logs', 'exec'], volume: ['ls', 'create', 'rm', 'inspect', 'prune'],
  network: ['ls', 'create', 'rm', 'inspect', 'connect', 'disconnect', 'prune'], builder: ['prune'], compose: ['up', 'down', 'ps', 'logs', 'build'],
};
const TAKES_IMAGE = new Set(['run', 'rmi', 'tag', 'push', 'history', 'save', 'create', 'inspect', 'pull']);
const TAKES_CONTAINER = new Set(['stop', 'start', 'rm', 'logs', 'exec', 'kill', 'restart', 'attach', 'cp', 'top', 'port', 'diff', 'commit', 'inspect', 'rename', 'pause', 'unpause', 'wait', 'export', 'stats']);

function words(text) {
  // Splits at blanks outside quotes; the last word may be empty (after a space).
  const out = [''];
  let quote = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
      else out[out.length - 1] += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (/\s/.test(ch)) { if (out[out.length - 1] !== '') out.push(''); }
    else if (ch === ';' || ch === '|' || ch === '&') out.length = 0, out.push('');
    else out[out.length - 1] += ch;
  }
  return out;
}

/** Paths under the cwd that complete `word` (one level at a time, folders end in `/`). */
function paths(word, files) {
  const slash = word.lastIndexOf('/');
  const dir = slash >= 0 ? word.slice(0, slash + 1) : '';
  const seen = new Set();
  for (const file of files) {
    if (!file.startsWith(dir)) continue;
    const rest = file.slice(dir.length);
    const cut = rest.indexOf('/');
    seen.add(dir + (cut >= 0 ? rest.slice(0, cut + 1) : rest));
  }
  if (dir === '' || dir === './') seen.add(`${dir}../`);
  return [...seen].filter((p) => p.startsWith(word)).sort();
}

/**
 * Completes `before` (the input left of the cursor) with `state` (the
 * engine's state: images, containers, cwd, files). Returns `{ from, candidates }`.
 */
export function complete(before, state) {
  const ws = words(before);
  const word = ws[ws.length - 1];
  const from = before.length - word.length;
  const pick = (list) => ({ from, candidates: [...new Set(list)].filter((c) => c.startsWith(word)).sort() });
  const files = state?.files ?? [];
  if (ws.length === 1) return word.includes('/') ? pick(paths(word, files)) : pick(COMMANDS);
  if (ws[0] !== 'docker') return pick(paths(word, files));
  if (ws.length === 2) return pick(SUBCOMMANDS);
  const sub = ws[1];
  if (SUBGROUPS[sub] && ws.length === 3) return pick(SUBGROUPS[sub]);
  if (word.startsWith('-')) return pick(DOCKER[sub] ?? []);
  const images = (state?.images ?? []).flatMap((i) => i.tags ?? []);
  const containers = (state?.containers ?? []).flatMap((c) => [c.name ?? c.names, c.id?.slice(0, 12)]).flat().filter(Boolean);
  const out = [];
  if (TAKES_IMAGE.has(sub)) out.push(...images);
  if (TAKES_CONTAINER.has(sub)) out.push(...containers);
  if (sub === 'build' || sub === 'cp' || out.length === 0) out.push(...paths(word, files));
  return pick(out);
}
