declare module 'ssf' {
  export function format(fmt: string, value: unknown, options?: Record<string, unknown>): string;
  export function is_date(fmt: string): boolean;
}
