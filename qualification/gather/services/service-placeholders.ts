/**
 * The run's service URLs → the stable names evidence shows instead (`<service_7411>`, `<service_8000>`): a URL
 * carries a port that may differ on every run (the example's services take free ports), and the same inputs
 * must give the same evidence bytes. The URLs themselves are recorded once, in the run section.
 */
export function servicePlaceholders(urls: {
  readonly service_7411: string;
  readonly service_8000: string;
}): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string]> = [
    [urls.service_7411.replace(/\/+$/, ""), "<service_7411>"],
    [urls.service_8000.replace(/\/+$/, ""), "<service_8000>"],
  ];
  // A URL that is a prefix of the other must be replaced after it.
  return pairs.filter(([url]) => url !== "").sort((a, b) => b[0].length - a[0].length);
}

/** Every string in a JSON value with the placeholders applied (keys too). */
export function withPlaceholders<T>(value: T, placeholders: ReadonlyArray<readonly [string, string]>): T {
  if (placeholders.length === 0) return value;
  // Replaced inside the JSON text, each URL and placeholder escaped as JSON escapes them.
  const json = placeholders.reduce(
    (text, [from, to]) => text.replaceAll(JSON.stringify(from).slice(1, -1), JSON.stringify(to).slice(1, -1)),
    JSON.stringify(value),
  );
  return JSON.parse(json) as T;
}
