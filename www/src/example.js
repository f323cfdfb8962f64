// The workspace the page opens with: the notes' node app in its
// cache-friendly order (examples/node-app/, which `dockersim` builds too).
import dockerfile from '../../examples/node-app/Dockerfile?raw';
import packageJson from '../../examples/node-app/package.json?raw';
import server from '../../examples/node-app/server.js?raw';

export const EXAMPLE_FILES = {
  Dockerfile: dockerfile,
  'package.json': packageJson,
  'server.js': server,
};
