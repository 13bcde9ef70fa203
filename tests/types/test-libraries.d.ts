/** Declarations of the test-only libraries that ship no types of their own (s3rver, parse-prometheus-text-format). */
declare module 's3rver' {
  type Options = { port: number; address: string; silent?: boolean; directory: string; configureBuckets?: { name: string; configs: string[] }[] };
  export default class S3rver {
    constructor(options: Options);
    run(): Promise<unknown>;
    close(): Promise<void>;
  }
}

declare module 'parse-prometheus-text-format' {
  type Sample = { labels?: Record<string, string>; value?: string; count?: string; sum?: string; buckets?: Record<string, string> };
  export default function parsePrometheusTextFormat(text: string): { name: string; help: string; type: string; metrics: Sample[] }[];
}
