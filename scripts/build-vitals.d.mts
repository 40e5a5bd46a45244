export declare const VITALS_OUT: string;
export declare function buildVitals(options?: { quiet?: boolean }): Promise<{ raw: number; gzip: number }>;
