export declare function replaySql(
	rows: Array<Record<string, unknown>>,
	after: number,
	afterHash: string
): string;
