/**
 * A small static server (node:http) for the perception page, on its own origin so human's tfjs
 * never shares a page with the app's. It serves human's ESM bundle and model files, the tfjs
 * wasm binaries, the browser module (TypeScript, transpiled on request), the control photo,
 * and the generated images, which Node holds in memory.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import ts from 'typescript';
import type { RealismDeps } from './deps';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

export interface PerceptionServer {
  origin: string;
  /** Makes `bytes` available at `/images/${name}`. */
  putImage(name: string, bytes: Uint8Array): void;
  close(): Promise<void>;
}

function transpiledModule(path: string): string {
  const source = readFileSync(path, 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    fileName: path,
  }).outputText;
}

/** `root` joined with a URL path that may not climb out of it. */
function inside(root: string, urlPath: string): string | undefined {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  return path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile() ? path : undefined;
}

export async function startPerceptionServer(deps: RealismDeps, browserModule: string): Promise<PerceptionServer> {
  const images = new Map<string, Uint8Array>();
  const mounts: [prefix: string, root: string][] = [
    ['/human/', join(deps.humanDir, 'dist')],
    ['/models/', join(deps.humanDir, 'models')],
    ['/wasm/', deps.wasmDir],
  ];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Uint8Array): void => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      send(200, TYPES['.html'] ?? '', '<!doctype html><meta charset="utf-8"><title>realism check</title>');
      return;
    }
    if (url.pathname === '/perceive.js') {
      send(200, TYPES['.js'] ?? '', transpiledModule(browserModule));
      return;
    }
    if (url.pathname === '/control.png') {
      send(200, TYPES['.png'] ?? '', readFileSync(deps.photoPath));
      return;
    }
    const image = url.pathname.startsWith('/images/') ? images.get(url.pathname.slice(8)) : undefined;
    if (image) {
      send(200, TYPES['.png'] ?? '', image);
      return;
    }
    for (const [prefix, root] of mounts) {
      const path = url.pathname.startsWith(prefix) ? inside(root, url.pathname.slice(prefix.length)) : undefined;
      if (path) {
        res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
        createReadStream(path).pipe(res);
        return;
      }
    }
    send(404, 'text/plain', `not found: ${url.pathname}`);
  });
  await new Promise<void>((done) => server.listen(0, 'localhost', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    putImage: (name, bytes) => images.set(name, bytes),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          done();
        });
      }),
  };
}
