// A varnishd of our own for a given set of instances: the backends.vcl it needs beside
// deploy/varnish/default.vcl, and the command line that starts it with a working folder of its own.
// Shared by `npm run cluster` (scripts/cluster.mjs), its benchmark (bench/cluster.mjs) and the
// tests (e2e/support/varnish.ts), so that all of them run the Varnish decision 007 describes.
// CommonJS: Playwright compiles what a spec imports to CommonJS, which an .mjs file cannot be;
// ES modules (scripts/, bench/) import this file as it is. Paths are joined with "/": varnishd
// runs on POSIX systems only.

/** deploy/varnish: default.vcl and the example backends.vcl. */
const VARNISH_CONFIG_DIR = __dirname;

/** The name each instance has in Varnish (backend.list, backend.set_health): instance_1 … instance_n. */
const backendName = (index) => `instance_${index + 1}`;

/**
 * backends.vcl for instances on `host` at `ports`: one probed backend each, all in the round-robin
 * `instances` director default.vcl asks on every fetch. Probed at /readyz (lib/http/health.ts),
 * twice as often as the example file says (500 ms), so that a stopped or unready instance is out
 * within about a second; the same timeout (backends.vcl says why it is long).
 */
function backendsVcl(ports, { host = '127.0.0.1', probeInterval = '500ms' } = {}) {
  const probe = `probe instance_health {\n  .url = "/readyz";\n  .interval = ${probeInterval};\n  .timeout = 5s;\n  .window = 3;\n  .threshold = 2;\n  .initial = 2;\n}\n`;
  const backends = ports.map(
    (port, i) =>
      `backend ${backendName(i)} {\n  .host = "${host}";\n  .port = "${port}";\n  .probe = instance_health;\n  .connect_timeout = 1s;\n  .first_byte_timeout = 15s;\n  .between_bytes_timeout = 5s;\n}\n`,
  );
  const init = `sub vcl_init {\n  new instances = directors.round_robin();\n${ports.map((_, i) => `  instances.add_backend(${backendName(i)});\n`).join('')}}\n`;
  return [probe, ...backends, init].join('\n');
}

/**
 * varnishd's arguments: in the foreground (-F, so it stops with whoever started it), its working
 * folder (-n) in `dir`, default.vcl from the repository with `dir` first on vcl_path (where the
 * caller writes backends.vcl), a CLI on a free local port (varnishadm -n <dir>/work reaches it,
 * for draining an instance), no jail (runs as any user). Readers' listener is named `public`;
 * `purgeListen` adds the listener named `purge`, the only one default.vcl takes PURGE on (the
 * instances' PURGE_URL points there). Without it nothing can purge.
 */
function varnishdArgs({ dir, listen, purgeListen, storage = 'malloc,64m', vcl = `${VARNISH_CONFIG_DIR}/default.vcl` }) {
  return [
    '-F',
    '-n', workDir(dir),
    '-j', 'none',
    '-a', `public=${listen}`,
    ...(purgeListen ? ['-a', `purge=${purgeListen}`] : []),
    '-T', '127.0.0.1:0',
    '-p', `vcl_path=${dir}:${VARNISH_CONFIG_DIR}`,
    '-f', vcl,
    '-s', storage,
  ];
}

/** varnishd's working folder (shared memory log, CLI secret) under the caller's temporary `dir`. */
const workDir = (dir) => `${dir}/work`;

module.exports = { VARNISH_CONFIG_DIR, backendName, backendsVcl, varnishdArgs, workDir };
