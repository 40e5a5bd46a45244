import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findTool, freePort } from './tools';


/**
 * A real TLS-terminating reverse proxy in front of the server under test, as production runs it:
 * nginx, with its own generated config in a temporary folder, on a free port. It tells the site the
 * reader came over https (X-Forwarded-Proto) and from where (X-Forwarded-For), and it is a shared
 * cache: it keeps what the site's Cache-Control and Vary allow, as a CDN would.
 */
export interface ReverseProxy {
  port: number;
  /** Responses say HIT, MISS, EXPIRED… from nginx's cache in this header. */
  cacheStatusHeader: 'x-proxy-cache';
  stop(): Promise<void>;
}


function config(dir: string, port: number, upstreamPort: number): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=site:1m max_size=64m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_cache site;
      proxy_cache_key $request_method$host$request_uri;
      add_header X-Proxy-Cache $upstream_cache_status always;
    }
  }
}
`;
}

/** Waits until the proxy accepts connections, or nginx exits (with its error log as the reason). */
async function listening(port: number, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port} within 15 s`);
}

/** Starts nginx in front of `upstreamPort`; resolves to the reason it cannot, when there is no nginx. */
export async function startReverseProxy(upstreamPort: number): Promise<ReverseProxy | { skipped: string }> {
  const found = findTool('nginx');
  if ('reason' in found) return { skipped: found.reason };
  const dir = mkdtempSync(path.join(tmpdir(), 'kabar-nginx-'));
  for (const sub of ['client-body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'cache']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  writeFileSync(path.join(dir, 'nginx.conf'), config(dir, port, upstreamPort));
  writeFileSync(path.join(dir, 'error.log'), '');
  // -e: the start-up error log too, so nothing is written outside the folder (and no root is needed).
  const child = spawn(found.path, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await listening(port, child, dir);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    cacheStatusHeader: 'x-proxy-cache',
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
