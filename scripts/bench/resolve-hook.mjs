// The resolve hook registered by register.mjs (runs on Node's loader thread).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = new URL('../../', import.meta.url);
const TRY = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function isFile(url) {
  try {
    return statSync(fileURLToPath(url)).isFile();
  } catch {
    return false;
  }
}

export async function resolve(specifier, context, next) {
  let target;
  if (specifier.startsWith('@/')) target = new URL(specifier.slice(2), ROOT);
  else if ((specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.startsWith('file:')) {
    target = new URL(specifier, context.parentURL);
  }
  if (target && !isFile(target)) {
    for (const ext of TRY) {
      const candidate = new URL(target.href.replace(/\/$/, '') + ext);
      if (existsSync(fileURLToPath(candidate)) && isFile(candidate)) return next(pathToFileURL(fileURLToPath(candidate)).href, context);
    }
  }
  if (target) return next(target.href, context);
  return next(specifier, context);
}
