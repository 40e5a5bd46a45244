/** A cache entry (any JSON-like value with Buffers, Maps, Sets, Dates) as one string. */
export function encodeEntry(entry: unknown): string;
/** The entry back, exactly as it was given to encodeEntry. */
export function decodeEntry(text: string): unknown;
