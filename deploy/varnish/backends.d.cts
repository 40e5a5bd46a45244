export const VARNISH_CONFIG_DIR: string;
export function backendName(index: number): string;
export function backendsVcl(ports: number[], options?: { host?: string; probeInterval?: string }): string;
export function varnishdArgs(options: { dir: string; listen: string; purgeListen?: string; storage?: string; vcl?: string }): string[];
export function workDir(dir: string): string;
