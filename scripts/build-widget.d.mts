export declare const WIDGET_OUT: string;
export declare function buildWidget(options?: { write?: boolean }): Promise<string>;
