export const COUPLINGS: { guard: string; rewrite: string; cache: string; start: string };
export const READER_HTML_REWRITE_ENV: 'READER_HTML_REWRITE';
export class NextCouplingError extends Error {
  constructor(coupling: keyof typeof COUPLINGS, change: string, remedy?: string);
  coupling: keyof typeof COUPLINGS;
}
export function resolvedNextConfig(distDir?: string): { experimental?: Record<string, unknown> } | undefined;
export function nextStartProblem(options?: {
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  config?: { experimental?: Record<string, unknown> } | null;
}): NextCouplingError | undefined;
export function assertGuardReached(seen: { health: { status: number; body: string }; trace: { status: number; allow: string | null } }): void;
export function assertRegisterAwaited(load: (register: () => Promise<void>) => Promise<unknown>): Promise<void>;
