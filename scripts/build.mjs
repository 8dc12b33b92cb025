// npm run build: compiles Lantern to JavaScript in dist/ (tsc, with tsconfig.build.json) and copies
// beside it what the code reads at run time (templates, styles, the common-password list), so that
// `npm run start:compiled` serves without tsx. `npm start` stays on tsx: the two measured alike
// (bench/RESULTS.md).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
cpSync('src', 'dist', { recursive: true, filter: (path) => !path.endsWith('.ts') && !path.endsWith('.md') });
console.log('Built dist/: start it with npm run start:compiled');
