// The workspace the page opens with: the same files as examples/hello/,
// which the native binary builds (`dockersim build examples/hello`).
import dockerfile from '../../examples/hello/Dockerfile?raw';
import hello from '../../examples/hello/hello.txt?raw';

export const EXAMPLE_FILES = {
  Dockerfile: dockerfile,
  'hello.txt': hello,
};
