export declare const HOME_JS_BUDGET_BYTES: number;
export declare function isMapLibre(url: string): boolean;
export declare function countsAsFirstLoadJs(url: string, origin: string): boolean;
export declare function gzipBytes(body: Uint8Array | string): number;
export declare function formatKb(bytes: number): string;
