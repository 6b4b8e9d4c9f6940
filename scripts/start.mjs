// `npm start`: install what is missing, build the app, and serve it on http://localhost:4173.
// Uses only Node's standard library, so it runs on a fresh clone before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PORT = 4173;

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function dependenciesAreCurrent() {
  const installed = 'node_modules/.package-lock.json';
  return (
    existsSync(installed) && statSync(installed).mtimeMs >= statSync('package-lock.json').mtimeMs
  );
}

if (!dependenciesAreCurrent()) {
  console.log('Installing dependencies…');
  run(npm, [existsSync('node_modules') ? 'install' : 'ci', '--no-audit', '--no-fund']);
}
console.log('Building Nook…');
run(npm, ['run', 'build', '--silent']);
console.log(`\nNook is at http://localhost:${PORT}  (Ctrl+C to stop)\n`);
const server = spawn(npm, ['run', 'preview', '--silent'], { stdio: 'inherit' });
server.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => server.kill('SIGINT'));
