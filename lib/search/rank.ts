/**
 * How recency weighs in a result's rank, in both engines (decision 032): relevance times
 * 1 / (1 + age in days / RECENCY_DAYS). A story a year old counts half as much as one published
 * today with the same words, one ten years old a tenth: a recent story wins among equally good
 * matches, and an old story that matches much better still comes first. Never zero, so every
 * match keeps its place by relevance among stories of the same age.
 */
export const RECENCY_DAYS = 365;

const DAY_MS = 86_400_000;

export function recencyWeight(publishedAt: number, now: number): number {
  return 1 / (1 + Math.max(0, now - publishedAt) / DAY_MS / RECENCY_DAYS);
}
